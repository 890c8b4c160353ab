/**
 * The failure drill as the control document holds it (its `drills` map), and
 * the record of a drill the interviewer keeps for the report. Plain values
 * only: src/sync writes them into the map, this module names the keys and
 * validates what it reads (anything of the wrong shape reads as absent).
 *
 *   down:<blockId>  { by, at }      a block or group failed in the live drill
 *   keep            true            the live drill goes into the report
 *   kept:<id>       DrillRecord     a drill that ended while kept
 *
 * One key per failed block, so two interviewers failing two blocks at once
 * both count. The drill is session scope: the board's document never changes.
 */
import type { Board, Block } from '../board/types';
import { CATALOG } from '../board/catalog';
import { runDrill, type DrillResult } from './drill';
import { LintFacts } from './facts';

/** One failed item of the live drill: who failed it and when (ms since the epoch). */
export interface DrillMark {
  id: string;
  by: string;
  at: number;
}

/** A drill as the report tells it: names as they were when it was recorded, not ids. */
export interface DrillRecord {
  /** When it was recorded, and by whom. */
  at: number;
  by: string;
  /** What was failed (blocks and groups, as marked). */
  failed: string[];
  /** What else could no longer reach its data. */
  cut: string[];
  requirementsLost: string[];
  clientsDown: string[];
  clientsDegraded: string[];
  survivors: { failed: string; takenOverBy: string[] }[];
}

/** The drill state of a board, validated. */
export interface DrillState {
  /** The live drill's failed items, in the order they failed; empty when no drill runs. */
  down: DrillMark[];
  /** Whether the live drill goes into the report. */
  keep: boolean;
  /** Drills that ended while kept, oldest first. */
  kept: DrillRecord[];
}

export const NO_DRILL: DrillState = { down: [], keep: false, kept: [] };

const DOWN = 'down:';
const KEPT = 'kept:';

/** The keys of the `drills` map. */
export const drillKeys = {
  down: (blockId: string) => `${DOWN}${blockId}`,
  keep: 'keep',
  kept: (recordId: string) => `${KEPT}${recordId}`,
  isDown: (key: string) => key.startsWith(DOWN),
} as const;

const isString = (v: unknown): v is string => typeof v === 'string';
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every(isString) ? v : undefined);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function readRecord(value: unknown): DrillRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const failed = strings(v.failed);
  const cut = strings(v.cut) ?? [];
  const requirementsLost = strings(v.requirementsLost);
  const clientsDown = strings(v.clientsDown);
  const clientsDegraded = strings(v.clientsDegraded);
  if (!isTime(v.at) || !isString(v.by) || !failed || !requirementsLost || !clientsDown || !clientsDegraded)
    return undefined;
  const survivors: DrillRecord['survivors'] = [];
  if (Array.isArray(v.survivors))
    for (const s of v.survivors as unknown[]) {
      const entry = (s ?? {}) as Record<string, unknown>;
      const takenOverBy = strings(entry.takenOverBy);
      if (isString(entry.failed) && takenOverBy) survivors.push({ failed: entry.failed, takenOverBy });
    }
  return { at: v.at, by: v.by, failed, cut, requirementsLost, clientsDown, clientsDegraded, survivors };
}

/** Reads the `drills` map's entries. */
export function readDrillState(entries: Iterable<[string, unknown]>): DrillState {
  const down: DrillMark[] = [];
  const kept: DrillRecord[] = [];
  let keep = false;
  for (const [key, value] of entries) {
    if (key === drillKeys.keep) keep = value === true;
    else if (key.startsWith(DOWN)) {
      const v = (value ?? {}) as Record<string, unknown>;
      const id = key.slice(DOWN.length);
      if (id && typeof value === 'object' && isString(v.by) && isTime(v.at)) down.push({ id, by: v.by, at: v.at });
    } else if (key.startsWith(KEPT)) {
      const record = readRecord(value);
      if (record) kept.push(record);
    }
  }
  down.sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  kept.sort((a, b) => a.at - b.at);
  return { down, keep: keep && down.length > 0, kept };
}

/** How a block is called in a drill's list: its label, or its kind's. */
export function drillName(block: Block | undefined, id: string): string {
  if (!block) return id;
  const label = block.label?.trim();
  if (label) return label;
  return CATALOG.find((e) => e.kind === block.kind)?.label ?? block.kind;
}

/**
 * Names for a drill's lists: a block's name, followed by its group's when
 * another block has the same name ("LB (us-east)" and "LB (eu-west)" for a
 * stack duplicated in two regions).
 */
export function drillNamer(blocks: readonly Block[]): (id: string) => string {
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const count = new Map<string, number>();
  for (const b of blocks) {
    const n = drillName(b, b.id);
    count.set(n, (count.get(n) ?? 0) + 1);
  }
  return (id) => {
    const block = byId.get(id);
    const name = drillName(block, id);
    const parent = block?.parent !== undefined ? byId.get(block.parent) : undefined;
    return (count.get(name) ?? 0) > 1 && parent ? `${name} (${drillName(parent, parent.id)})` : name;
  };
}

/** The live drill as a record for the report: names as the board has them now. */
export function drillRecord(
  board: Board,
  marked: readonly string[],
  result: DrillResult,
  by: string,
  at: number,
): DrillRecord {
  const present = new Set(board.blocks.map((b) => b.id));
  const name = drillNamer(board.blocks);
  const failedNow = new Set(result.failed);
  // Marked groups are named as groups; blocks failed only because their group is are not repeated.
  const failed = marked.filter((id) => present.has(id)).map(name);
  const markedSet = new Set(marked);
  return {
    at,
    by,
    failed,
    cut: result.cut.filter((id) => !failedNow.has(id) && !markedSet.has(id)).map(name),
    requirementsLost: [...result.requirementsLost],
    clientsDown: result.clientsDown.map(name),
    clientsDegraded: result.clientsDegraded.map(name),
    survivors: result.survivors.map((s) => ({ failed: name(s.failed), takenOverBy: s.takenOverBy.map(name) })),
  };
}

/** The banner's sentence: "Orders DB is down", "Orders DB and Cache are down", "Orders DB, Cache and 2 more are down". */
export function drillHeadline(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is down`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are down`;
  if (names.length === 3) return `${names[0]}, ${names[1]} and ${names[2]} are down`;
  return `${names[0]}, ${names[1]} and ${names.length - 2} more are down`;
}

/** How a drill leaves a block: failed itself (or inside a failed group), or cut off from its data. */
export type DrillStatus = 'failed' | 'cut';

/** The live drill on the board as it is now. */
export interface LiveDrill {
  /** The failed items still on the board, in the order they failed. */
  marks: DrillMark[];
  /** What follows; null when no drill runs. */
  result: DrillResult | null;
  /** Every block the drill touches (marked groups included; a client that loses all service is cut), by id. */
  status: Record<string, DrillStatus>;
}

/** Runs the live drill on a board: marks of blocks since deleted are left out. */
export function liveDrill(board: Board, marks: readonly DrillMark[]): LiveDrill {
  const present = new Set(board.blocks.map((b) => b.id));
  const live = marks.filter((m) => present.has(m.id));
  if (live.length === 0) return { marks: live, result: null, status: {} };
  const result = runDrill(
    new LintFacts(board),
    live.map((m) => m.id),
  );
  const status: Record<string, DrillStatus> = {};
  for (const id of result.cut) status[id] = 'cut';
  for (const id of result.clientsDown) status[id] = 'cut';
  for (const id of result.failed) status[id] = 'failed';
  for (const m of live) status[m.id] = 'failed';
  return { marks: live, result, status };
}

/** The live drill as the report keeps it (dated when its first item failed), or null when none runs. */
export function liveDrillRecord(board: Board, marks: readonly DrillMark[], by: string): DrillRecord | null {
  const { marks: live, result } = liveDrill(board, marks);
  if (!result) return null;
  return drillRecord(
    board,
    live.map((m) => m.id),
    result,
    by,
    live[0]!.at,
  );
}
