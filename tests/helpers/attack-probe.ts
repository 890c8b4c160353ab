/**
 * What an attack costs the others: while it runs, an honest writer adds a
 * block every PROBE_INTERVAL_MS and an honest reader times each one's arrival;
 * the server process's resident memory is sampled from /proc. The adversarial
 * suite asserts on the figures and prints them, so a run shows what each
 * attack cost the people it did not target.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { applyOpsToDoc, blocksOf } from '../../src/doc/board-doc';
import type { ServerProcess } from './server';
import { connectClient, type CreatedBoard } from './sync-clients';
import { waitFor } from './wait-for';

const PROBE_INTERVAL_MS = 100;
const MEMORY_SAMPLE_MS = 25;

/** Resident memory of a process in MB, from /proc (Linux). */
export function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

export interface AttackReport {
  /** Slowest arrival of an honest edit at the other client while the attack ran. */
  maxDeliveryMs: number;
  deliveries: number;
  baselineMb: number;
  peakMb: number;
}

/** Runs `attack` while probing `board` (on `server`) with two honest clients; resolves with the figures. */
export async function probeDuring(
  name: string,
  server: ServerProcess,
  board: CreatedBoard,
  attack: () => Promise<void>,
): Promise<AttackReport> {
  const pid = server.child.pid!;
  const writer = connectClient(server.url, board.id, board.tokens.interviewer);
  const reader = connectClient(server.url, board.id, board.tokens.candidate);
  try {
    await Promise.all([writer.synced, reader.synced]);
    const sentAt = new Map<string, number>();
    const delays: number[] = [];
    blocksOf(reader.doc).observe((event) => {
      for (const key of event.keysChanged) {
        const sent = sentAt.get(key);
        if (sent !== undefined && !delays[Number(key.slice(6))])
          delays[Number(key.slice(6))] = performance.now() - sent;
      }
    });
    const baselineMb = residentMb(pid);
    let peakMb = baselineMb;
    const sampler = setInterval(() => {
      try {
        peakMb = Math.max(peakMb, residentMb(pid));
      } catch {
        // the process is gone; the attack's own assertions say so
      }
    }, MEMORY_SAMPLE_MS);
    let probes = 0;
    const prober = setInterval(() => {
      const id = `probe-${probes++}`;
      sentAt.set(id, performance.now());
      writer.doc.transact(() =>
        applyOpsToDoc(writer.doc, [{ op: 'add-block', block: { id, kind: 'service', x: probes, y: 0 } }]),
      );
    }, PROBE_INTERVAL_MS);
    try {
      await attack();
      // A quick attack still gets a few honest edits after it, while the server digests it.
      const until = probes + 3;
      await waitFor(() => probes >= until, 'three more honest edits', 5_000);
    } finally {
      clearInterval(prober);
    }
    await waitFor(() => delays.filter((d) => d !== undefined).length === probes, `all ${probes} probe edits`, 10_000);
    clearInterval(sampler);
    const report = { maxDeliveryMs: Math.round(Math.max(0, ...delays)), deliveries: probes, baselineMb, peakMb };
    console.log(
      `[adversarial] ${name}: ${probes} honest edits, slowest ${report.maxDeliveryMs} ms; server RSS ${baselineMb.toFixed(0)} -> peak ${peakMb.toFixed(0)} MB`,
    );
    return report;
  } finally {
    writer.destroy();
    reader.destroy();
  }
}

/** Open file descriptors of a process (Linux). */
export function openDescriptors(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}
