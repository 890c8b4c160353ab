/**
 * Issue 9's attacks against the real server process (server/main.ts as a
 * child, default limits): each attack as a test that failed on the server
 * before the fix. While it runs, two honest clients keep editing the same
 * board (support/attack-probe.ts): their edits must still arrive within a
 * second, and the server's memory must stay bounded.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_CREATE_BURST, HTTP_HEADERS_TIMEOUT_MS, HTTP_TIMEOUT_CHECK_INTERVAL_MS } from '../../src/limits';
import { startServerProcess, type ServerProcess } from '../helpers/server';
import { openDescriptors, probeDuring } from './support/attack-probe';
import { createBoard, type CreatedBoard } from './support/sync-clients';
import { removeTempDir } from './support/temp-dir';
import { waitFor } from './support/wait-for';

/** Honest edits arrive within this while an attack runs (issue 9). */
const DELIVERY_MS = 1_000;
/** Growth of the server's resident memory an attack may cause. */
const MEMORY_GROWTH_MB = 150;

let server: ServerProcess;

beforeAll(async () => {
  server = await startServerProcess();
});
afterAll(async () => {
  await server.kill();
  await removeTempDir(server.dataDir);
});

async function attackBoard(): Promise<CreatedBoard> {
  return createBoard(server.url, { title: 'Under attack' });
}

function expectBounded(report: { maxDeliveryMs: number; baselineMb: number; peakMb: number }): void {
  expect(report.maxDeliveryMs).toBeLessThan(DELIVERY_MS);
  expect(report.peakMb - report.baselineMb).toBeLessThan(MEMORY_GROWTH_MB);
}

describe('HTTP', () => {
  it('frees 500 requests that never finish their headers (file descriptors)', async () => {
    const pid = server.child.pid!;
    const before = openDescriptors(pid);
    const sockets: Socket[] = [];
    const board = await attackBoard();
    try {
      const report = await probeDuring('500 stalled requests', server, board, async () => {
        for (let i = 0; i < 500; i++) {
          await new Promise<void>((resolve) => {
            const socket = connect(server.port, '127.0.0.1', () => {
              socket.write('GET / HTTP/1.1\r\nHost: localhost\r\nX-Never-Ends: ');
              socket.pause(); // never reads
              resolve();
            });
            socket.on('error', () => {});
            sockets.push(socket);
          });
        }
        await waitFor(() => openDescriptors(pid) >= before + 450, 'the server to hold the stalled sockets', 10_000);
        await waitFor(
          () => openDescriptors(pid) <= before + 5,
          'the stalled sockets to be freed',
          HTTP_HEADERS_TIMEOUT_MS + 2 * HTTP_TIMEOUT_CHECK_INTERVAL_MS + 2_000,
          100,
        );
      });
      expectBounded(report);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  }, 60_000);

  it('stops one address from creating boards without bound', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 200 }, () =>
        fetch(`${server.url}/api/boards`, { method: 'POST', body: '{}' }).then((res) => res.status),
      ),
    );
    const created = statuses.filter((s) => s === 201).length;
    // The probes of other tests created a few already; the burst is the most anyone gets at once.
    expect(created).toBeLessThanOrEqual(BOARD_CREATE_BURST);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(200 - BOARD_CREATE_BURST);
  });
});
