/**
 * The interview templates (`templates/*.json`): what every one of them must be
 * so that a candidate can learn from it and the server can serve it.
 *
 * - a valid board with a `template` field whose id is its file name;
 * - a complete prompt: requirements with their assumptions, every feature flag
 *   and scale field set, 6-10 clarifying questions;
 * - a reference design that lints with no error and no `under-provisioned`
 *   finding (its tiers are sized for its own scale), and whose other warnings,
 *   if any, its trade-offs note defends by rule id;
 * - a starter that lints with exactly the findings its own requirements imply,
 *   derived from the feature flags below and written out per template, so a
 *   template whose flags lie, or a rule that cries wolf on a starter, fails here;
 * - a layout with no overlapping cards.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasRole, kindInfo, type BlockRole } from '../../src/board/catalog';
import { parseBoardJson } from '../../src/board/format';
import { FEATURE_FLAGS, type Block, type Board, type FeatureFlag, type ScaleField } from '../../src/board/types';
import { estimate, ESTIMATE_FIGURE_KEYS, estimateFigures } from '../../src/estimate/estimate';
import { HIGH_AVAILABILITY, lint, type Finding } from '../../src/lint';

const dir = join(import.meta.dirname, '../../templates');

/** The classic problems the gallery must offer: the ones interviews ask most. */
const REQUIRED_IDS = [
  'url-shortener',
  'news-feed',
  'chat',
  'video-streaming',
  'typeahead-search',
  'web-crawler',
  'notification-system',
  'rate-limiter',
  'ride-sharing',
  'llm-serving',
  'recommendation-system',
  'realtime-analytics',
];

/**
 * What each feature flag asks of a design: the rule that fires when no block
 * plays the role. A starter without the role must get the finding; a reference
 * must never get it.
 */
const IMPLIED_BY_FEATURE: Record<FeatureFlag, { rule: string; role: BlockRole }[]> = {
  search: [{ rule: 'missing-search', role: 'search' }],
  media: [
    { rule: 'missing-cdn', role: 'cdn' },
    { rule: 'missing-object-storage', role: 'object-storage' },
  ],
  staticContent: [{ rule: 'missing-cdn', role: 'cdn' }],
  asyncJobs: [{ rule: 'missing-queue', role: 'queue' }],
  realtime: [{ rule: 'missing-realtime-gateway', role: 'push' }],
  analytics: [{ rule: 'missing-analytics', role: 'analytics' }],
};

/**
 * What each starter raises, written out: the rules its requirements imply
 * (`impliedFindings`), plus `orphan-block` where it lays out cards with no
 * links yet. The derivation must agree with this table, and the linter with both.
 */
const STARTER_FINDINGS: Record<string, string[]> = {
  chat: [
    'missing-database',
    'missing-monitoring',
    'missing-queue',
    'missing-realtime-gateway',
    'missing-search',
    'orphan-block',
  ],
  'file-sync': [
    'missing-cdn',
    'missing-database',
    'missing-monitoring',
    'missing-object-storage',
    'missing-queue',
    'missing-realtime-gateway',
    'orphan-block',
  ],
  'llm-serving': [
    'missing-analytics',
    'missing-database',
    'missing-monitoring',
    'missing-queue',
    'missing-realtime-gateway',
    'orphan-block',
  ],
  'news-feed': [
    'missing-cdn',
    'missing-database',
    'missing-monitoring',
    'missing-object-storage',
    'missing-queue',
    'orphan-block',
  ],
  'notification-system': [
    'missing-analytics',
    'missing-database',
    'missing-monitoring',
    'missing-queue',
    'orphan-block',
  ],
  pastebin: ['missing-cdn', 'missing-database', 'missing-monitoring', 'orphan-block'],
  'rate-limiter': ['missing-analytics', 'missing-database', 'missing-monitoring', 'orphan-block'],
  'realtime-analytics': [
    'missing-analytics',
    'missing-cdn',
    'missing-database',
    'missing-monitoring',
    'missing-queue',
    'missing-realtime-gateway',
    'orphan-block',
  ],
  'recommendation-system': [
    'missing-analytics',
    'missing-database',
    'missing-monitoring',
    'missing-queue',
    'orphan-block',
  ],
  'ride-sharing': [
    'missing-database',
    'missing-monitoring',
    'missing-queue',
    'missing-realtime-gateway',
    'orphan-block',
  ],
  'ticket-booking': [
    'missing-cdn',
    'missing-database',
    'missing-monitoring',
    'missing-queue',
    'missing-search',
    'orphan-block',
  ],
  'typeahead-search': [
    'missing-analytics',
    'missing-database',
    'missing-monitoring',
    'missing-queue',
    'missing-search',
    'orphan-block',
  ],
  'url-shortener': ['missing-analytics', 'missing-database', 'missing-monitoring', 'orphan-block'],
  'video-streaming': [
    'missing-analytics',
    'missing-cdn',
    'missing-database',
    'missing-monitoring',
    'missing-object-storage',
    'missing-queue',
    'missing-search',
    'orphan-block',
  ],
  'web-crawler': ['missing-database', 'missing-monitoring', 'missing-queue'],
};

/** Kinds an unlinked card of which is no orphan: notes, groups and monitoring (it watches everything). */
const NEVER_ORPHANS: BlockRole[] = ['annotation', 'frame', 'monitoring'];

/** Scale fields every template states (bytesPerUser only where users keep data of their own). */
const REQUIRED_SCALE: ScaleField[] = [
  'dau',
  'readsPerUserPerDay',
  'writesPerUserPerDay',
  'peakFactor',
  'bytesPerWrite',
  'bytesPerRead',
  'retentionYears',
  'replicationFactor',
];

/** The card size the UI draws a block at when it has no size of its own. */
const CARD = { width: 184, height: 64 };

interface Loaded {
  file: string;
  board?: Board;
  error?: string;
}

const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const loaded: Loaded[] = files.map((file) => {
  try {
    return { file, board: parseBoardJson(readFileSync(join(dir, file), 'utf8'), file) };
  } catch (err) {
    return { file, error: (err as Error).message };
  }
});
const boards = loaded.filter((l): l is Loaded & { board: Board } => l.board !== undefined);

/** The reference design as a board of its own: the template's requirements with the reference's blocks and links. */
function referenceBoard(board: Board): Board {
  const reference = board.template!.reference;
  return {
    format: board.format,
    title: board.title,
    requirements: board.requirements,
    blocks: reference.blocks,
    links: reference.links,
    notes: reference.notes,
  };
}

function lintAll(board: Board): Finding[] {
  return lint(board, { disabledRules: [] });
}

const summary = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`);

/** Rules a starter must report, from its requirements and the blocks it already has. */
function impliedFindings(board: Board): string[] {
  const req = board.requirements ?? {};
  const has = (role: BlockRole) => board.blocks.some((b) => hasRole(b.kind, role));
  const rules = new Set<string>();
  for (const flag of FEATURE_FLAGS) {
    if (req.features?.[flag] !== true) continue;
    for (const { rule, role } of IMPLIED_BY_FEATURE[flag]) if (!has(role)) rules.add(rule);
  }
  if ((req.scale?.writesPerUserPerDay ?? 0) > 0 && !has('datastore')) rules.add('missing-database');
  if ((req.availability ?? 0) >= HIGH_AVAILABILITY) rules.add('missing-monitoring');
  return [...rules].sort();
}

/** Whether the starter lays out a card that no link touches yet (which `orphan-block` reports). */
function hasUnlinkedCard(board: Board): boolean {
  const linked = new Set(board.links.flatMap((l) => [l.from, l.to]));
  return board.blocks.some((b) => !linked.has(b.id) && !NEVER_ORPHANS.some((role) => hasRole(b.kind, role)));
}

/** Block rectangles in board coordinates (a child's position is relative to its group). */
function rectangles(blocks: Block[]) {
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const origin = (b: Block): { x: number; y: number } => {
    const parent = b.parent === undefined ? undefined : byId.get(b.parent);
    if (!parent) return { x: b.x, y: b.y };
    const p = origin(parent);
    return { x: p.x + b.x, y: p.y + b.y };
  };
  return blocks.map((b) => {
    const size = kindInfo(b.kind).defaultSize ?? CARD;
    const { x, y } = origin(b);
    return {
      id: b.id,
      group: hasRole(b.kind, 'frame'),
      x,
      y,
      width: b.width ?? size.width,
      height: b.height ?? size.height,
    };
  });
}

/** Pairs of blocks whose cards overlap (a group may contain its blocks). */
function overlaps(blocks: Block[]): string[] {
  const rects = rectangles(blocks).filter((r) => !r.group);
  const found: string[] = [];
  for (let i = 0; i < rects.length; i++) {
    for (let j = i + 1; j < rects.length; j++) {
      const a = rects[i]!;
      const b = rects[j]!;
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height)
        found.push(`${a.id} overlaps ${b.id}`);
    }
  }
  return found;
}

describe('templates/', () => {
  it('every file is a valid board with a template field', () => {
    expect(loaded.filter((l) => l.error).map((l) => l.error)).toEqual([]);
    for (const { file, board } of boards) expect(board.template, file).toBeDefined();
  });

  it('names each file after its template id, and ids are unique', () => {
    for (const { file, board } of boards) expect(`${board.template!.id}.json`).toBe(file);
    const ids = boards.map((b) => b.board.template!.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('offers at least the 12 classic problems', () => {
    expect(boards.length).toBeGreaterThanOrEqual(12);
    const ids = boards.map((b) => b.board.template!.id);
    for (const id of REQUIRED_IDS) expect(ids, id).toContain(id);
  });

  it('writes out the starter findings of every template and of no other', () => {
    expect(Object.keys(STARTER_FINDINGS).sort()).toEqual(boards.map((b) => b.board.template!.id).sort());
  });

  it('ranks the templates at every difficulty', () => {
    const difficulties = new Set(boards.map((b) => b.board.template!.difficulty));
    expect([...difficulties].sort()).toEqual(['easy', 'hard', 'medium']);
  });
});

describe.each(boards.map((b) => [b.board.template?.id ?? b.file, b.board] as const))('template %s', (_id, board) => {
  const template = board.template!;
  const req = board.requirements ?? {};

  describe('the prompt', () => {
    it('has a title, a prompt and a one-line summary', () => {
      expect(board.title).toMatch(/^Design /);
      expect(req.prompt?.trim()).toBeTruthy();
      expect(template.summary.trim()).toBeTruthy();
      expect(template.summary).not.toContain('\n');
      expect(template.summary.length).toBeLessThanOrEqual(120);
    });

    it('lists 4-6 functional requirements and states its assumptions, one sentence each', () => {
      expect(req.functional?.length).toBeGreaterThanOrEqual(4);
      expect(req.functional?.length).toBeLessThanOrEqual(6);
      expect(req.assumptions?.length).toBeGreaterThanOrEqual(3);
      for (const a of req.assumptions ?? []) {
        expect(a.trim()).toBeTruthy();
        expect(a.length, a).toBeLessThanOrEqual(220);
      }
    });

    it('sets every feature flag and scale field, the latency, availability and consistency', () => {
      for (const flag of FEATURE_FLAGS) expect(typeof req.features?.[flag], flag).toBe('boolean');
      for (const field of REQUIRED_SCALE) expect(Number.isFinite(req.scale?.[field]), field).toBe(true);
      expect(req.latencyP99Ms).toBeGreaterThan(0);
      expect(req.availability).toBeGreaterThan(90);
      expect(['strong', 'eventual']).toContain(req.consistency);
    });

    it('gives an estimate with finite figures and some load', () => {
      const figures = estimateFigures(estimate(req));
      for (const key of ESTIMATE_FIGURE_KEYS) expect(Number.isFinite(figures[key]), key).toBe(true);
      expect(figures.peakQps).toBeGreaterThan(0);
      expect(figures.storageTotalBytes).toBeGreaterThan(0);
    });

    it('asks 6-10 clarifying questions', () => {
      expect(template.questions.length).toBeGreaterThanOrEqual(6);
      expect(template.questions.length).toBeLessThanOrEqual(10);
      for (const q of template.questions) expect(q.trim(), q).toMatch(/\?$/);
    });
  });

  describe('the starter', () => {
    it('lints with exactly the findings its requirements imply, by rule id', () => {
      const expected = STARTER_FINDINGS[template.id];
      expect(expected, `STARTER_FINDINGS lists ${template.id}`).toBeDefined();
      const derived = [...impliedFindings(board), ...(hasUnlinkedCard(board) ? ['orphan-block'] : [])].sort();
      expect(derived).toEqual(expected);
      const raised = [...new Set(lintAll(board).map((f) => f.rule))].sort();
      expect(raised).toEqual(expected);
    });

    it('holds no datastore, so the candidate chooses the storage', () => {
      expect(board.blocks.filter((b) => hasRole(b.kind, 'datastore')).map((b) => b.id)).toEqual([]);
    });

    it('starts from blocks the reference also has', () => {
      const reference = new Map(template.reference.blocks.map((b) => [b.id, b.kind]));
      for (const block of board.blocks) expect(reference.get(block.id), block.id).toBe(block.kind);
    });

    it('lays out its blocks without overlaps', () => {
      for (const b of board.blocks) expect(Number.isFinite(b.x) && Number.isFinite(b.y), b.id).toBe(true);
      expect(overlaps(board.blocks)).toEqual([]);
    });
  });

  describe('the reference design', () => {
    const reference = referenceBoard(board);
    const findings = lintAll(reference);

    it('lints with no finding of severity error', () => {
      expect(summary(findings.filter((f) => f.severity === 'error'))).toEqual([]);
    });

    it('sizes every tier for its own scale: no under-provisioned finding, whatever the trade-offs note says', () => {
      expect(summary(findings.filter((f) => f.rule === 'under-provisioned'))).toEqual([]);
    });

    it('has a block for every feature its requirements flag, storage and monitoring', () => {
      const missing = new Set<string>(['missing-database', 'missing-monitoring']);
      for (const flag of FEATURE_FLAGS)
        if (req.features?.[flag]) for (const { rule } of IMPLIED_BY_FEATURE[flag]) missing.add(rule);
      expect(summary(findings.filter((f) => missing.has(f.rule)))).toEqual([]);
    });

    it('defends every other warning it keeps in its trade-offs note, by rule id', () => {
      const tradeoffs = template.reference.notes?.tradeoffs ?? '';
      for (const f of findings.filter((x) => x.severity === 'warning'))
        expect(tradeoffs, `${f.rule}: ${f.message}`).toContain(f.rule);
    });

    it('names the technology of every block and the protocol of every link', () => {
      for (const b of template.reference.blocks) {
        if (hasRole(b.kind, 'annotation') || hasRole(b.kind, 'frame')) continue;
        expect(b.tech?.trim(), b.id).toBeTruthy();
      }
      for (const l of template.reference.links) expect(l.protocol, l.id).toBeTruthy();
    });

    it('explains its API, data model and trade-offs, each decision with its reason', () => {
      const notes = template.reference.notes ?? {};
      for (const topic of ['api', 'dataModel', 'tradeoffs']) expect(notes[topic]?.trim(), topic).toBeTruthy();
      // The 2-4 decisions that matter, one a line, each with its "because".
      const decisions = notes.tradeoffs!.split('\n').filter((line) => line.trim());
      expect(decisions.length).toBeGreaterThanOrEqual(2);
      expect(decisions.length).toBeLessThanOrEqual(4);
      for (const decision of decisions) expect(decision, decision).toMatch(/\bbecause\b/);
    });

    it('lays out its blocks without overlaps', () => {
      for (const b of template.reference.blocks) expect(Number.isFinite(b.x) && Number.isFinite(b.y), b.id).toBe(true);
      expect(overlaps(template.reference.blocks)).toEqual([]);
    });
  });
});
