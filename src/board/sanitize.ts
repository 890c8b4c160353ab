/**
 * Reading a board from a live document, where any participant may have
 * written any value into any field. Every value is checked here, once, where
 * the document becomes the app's board (the board store): a field of the wrong
 * type reads as missing and is reported once through `warn`; nothing throws.
 * A block or link that cannot be drawn at all (no usable id, an unknown kind,
 * a link without both ends) is left out and reported the same way.
 */
import { ARROW_HEADS, ARROW_ROUTES, hasRole, isKnownKind, SHAPE_OUTLINES } from './catalog';
import { LINK_ROUTES } from './link-route';
import type { Block, BoardSettings, Link, Notes, Requirements } from './types';
import { FEATURE_FLAGS, SCALE_FIELDS } from './types';

/** Reports one bad value: where it was and what was wrong. */
export type Warn = (where: string, problem: string) => void;

type Check = (value: unknown) => boolean;

const isString: Check = (v) => typeof v === 'string';
const isNumber: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const isBoolean: Check = (v) => typeof v === 'boolean';
const isStringList: Check = (v) => Array.isArray(v) && v.every(isString);
const isNumberList: Check = (v) => Array.isArray(v) && v.every(isNumber);
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const BLOCK_FIELDS: Record<string, Check> = {
  x: isNumber,
  y: isNumber,
  label: isString,
  tech: isString,
  notes: isString,
  width: isNumber,
  height: isNumber,
  parent: isString,
  replicas: isNumber,
  managed: isBoolean,
  capacityQps: isNumber,
  hitRatio: isNumber,
  readShare: isNumber,
  standby: isBoolean,
  // Drawing kinds.
  fontSize: isNumber,
  shape: oneOf(SHAPE_OUTLINES),
  points: (v) => isNumberList(v) && (v as number[]).length % 2 === 0,
  pressures: isNumberList,
  color: isString,
  strokeWidth: isNumber,
  highlighter: isBoolean,
  heads: oneOf(ARROW_HEADS),
  route: oneOf(ARROW_ROUTES),
  fromBlock: isString,
  toBlock: isString,
  z: isNumber,
};

const LINK_FIELDS: Record<string, Check> = {
  label: isString,
  protocol: isString,
  async: isBoolean,
  fanOut: isNumber,
  labelAt: isNumber,
  route: oneOf(LINK_ROUTES),
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The fields of `raw` that pass their check; the others are dropped with a warning. Unknown fields are kept. */
function checkedFields(
  raw: Record<string, unknown>,
  checks: Record<string, Check>,
  where: string,
  warn: Warn,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const check = checks[key];
    if (value === undefined) continue;
    if (check && !check(value)) warn(`${where}.${key}`, `is ${describe(value)}`);
    else out[key] = value;
  }
  return out;
}

/** A block as the app may use it, or null when it cannot be drawn. Positions that are not numbers read as 0. */
export function readBlock(raw: unknown, key: string, warn: Warn): Block | null {
  const where = `block ${key}`;
  if (!isPlainObject(raw)) {
    warn(where, `is ${describe(raw)}, not a block`);
    return null;
  }
  if (raw.kind === undefined || typeof raw.kind !== 'string' || !isKnownKind(raw.kind)) {
    warn(`${where}.kind`, typeof raw.kind === 'string' ? `"${raw.kind}" is no known kind` : `is ${describe(raw.kind)}`);
    return null;
  }
  if (raw.id !== key) warn(`${where}.id`, 'does not match its key');
  const fields = checkedFields(raw, BLOCK_FIELDS, where, warn);
  return { ...fields, id: key, kind: raw.kind, x: (fields.x as number) ?? 0, y: (fields.y as number) ?? 0 };
}

/** A link as the app may use it, or null when it lacks an end. */
export function readLink(raw: unknown, key: string, warn: Warn): Link | null {
  const where = `link ${key}`;
  if (!isPlainObject(raw)) {
    warn(where, `is ${describe(raw)}, not a link`);
    return null;
  }
  if (typeof raw.from !== 'string' || typeof raw.to !== 'string') {
    warn(where, 'has no string `from` and `to`');
    return null;
  }
  if (raw.id !== key) warn(`${where}.id`, 'does not match its key');
  const fields = checkedFields(raw, LINK_FIELDS, where, warn);
  return { ...fields, id: key, from: raw.from, to: raw.to };
}

/** What `checkReferences` found: blocks whose `parent` cannot hold them, links with an end that is no block. */
export interface BadReferences {
  parents: Set<string>;
  links: Set<string>;
}

/**
 * References between the blocks and links of a live board, which concurrent
 * edits (one person deletes a group while another drops a block into it) or a
 * hostile participant can break: a parent that is missing, no group, or part
 * of a cycle of groups holding each other reads as missing; a link whose end
 * is missing is left out. Each is reported through `warn`.
 */
export function checkReferences(
  blocks: ReadonlyMap<string, Block>,
  links: ReadonlyMap<string, Link>,
  warn: Warn,
): BadReferences {
  const bad: BadReferences = { parents: new Set(), links: new Set() };
  for (const block of blocks.values()) {
    if (block.parent === undefined) continue;
    const parent = blocks.get(block.parent);
    if (!parent) warn(`block ${block.id}.parent`, `names no block ("${block.parent}")`);
    else if (!hasRole(parent.kind, 'frame')) warn(`block ${block.id}.parent`, `"${block.parent}" is not a group`);
    else if (inCycle(blocks, block)) warn(`block ${block.id}.parent`, 'groups hold each other in a cycle');
    else continue;
    bad.parents.add(block.id);
  }
  for (const link of links.values()) {
    if (blocks.has(link.from) && blocks.has(link.to)) continue;
    warn(`link ${link.id}`, 'has an end that is no block');
    bad.links.add(link.id);
  }
  return bad;
}

/** Whether following parents from `start` comes back to it. */
function inCycle(blocks: ReadonlyMap<string, Block>, start: Block): boolean {
  const seen = new Set<string>();
  for (let p = start.parent; p !== undefined && !seen.has(p); p = blocks.get(p)?.parent) {
    if (p === start.id) return true;
    seen.add(p);
  }
  return false;
}

const REQUIREMENT_FIELDS: Record<string, Check> = {
  prompt: isString,
  functional: isStringList,
  assumptions: isStringList,
  latencyP99Ms: isNumber,
  availability: isNumber,
  consistency: (v) => v === 'strong' || v === 'eventual',
};

/** The requirements with every known field checked; features and scale entry by entry. */
export function readRequirements(raw: unknown, warn: Warn): Requirements {
  if (!isPlainObject(raw)) return {};
  const { features, scale, ...rest } = raw;
  const out: Requirements = checkedFields(rest, REQUIREMENT_FIELDS, 'requirements', warn);
  if (isPlainObject(features)) {
    const checks = Object.fromEntries(FEATURE_FLAGS.map((f) => [f, isBoolean]));
    const read = checkedFields(features, checks, 'requirements.features', warn);
    if (Object.keys(read).length > 0) out.features = read;
  } else if (features !== undefined) warn('requirements.features', `is ${describe(features)}`);
  if (isPlainObject(scale)) {
    const checks = Object.fromEntries(SCALE_FIELDS.map((f) => [f, isNumber]));
    const read = checkedFields(scale, checks, 'requirements.scale', warn);
    if (Object.keys(read).length > 0) out.scale = read;
  } else if (scale !== undefined) warn('requirements.scale', `is ${describe(scale)}`);
  return out;
}

/** The title and the settings, from the session's settings map. */
export function readSettings(raw: unknown, warn: Warn): { title: string | undefined; settings: BoardSettings } {
  if (!isPlainObject(raw)) return { title: undefined, settings: {} };
  const { title, ...rest } = checkedFields(
    raw,
    {
      title: isString,
      disabledRules: isStringList,
      findingsVisibleToCandidate: isBoolean,
      linkRoute: oneOf(LINK_ROUTES),
    },
    'settings',
    warn,
  );
  return { title: title as string | undefined, settings: rest };
}

/** Note topics whose value is text. */
export function readNotes(raw: Record<string, unknown>, warn: Warn): Notes {
  const out: Notes = {};
  for (const [topic, text] of Object.entries(raw)) {
    if (typeof text === 'string') out[topic] = text;
    else warn(`notes.${topic}`, `is ${describe(text)}`);
  }
  return out;
}

/** A string field, or undefined with a warning when something else is there. */
export function readOptionalString(value: unknown, where: string, warn: Warn): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  warn(where, `is ${describe(value)}`);
  return undefined;
}

/** A plain object field (kept as it is), or undefined with a warning. */
export function readOptionalObject(value: unknown, where: string, warn: Warn): Record<string, unknown> | undefined {
  if (value === undefined || isPlainObject(value)) return value;
  warn(where, `is ${describe(value)}`);
  return undefined;
}
