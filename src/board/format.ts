/**
 * Board format v1: reading (validated with zod) and writing. Import in the app,
 * the CLI, the server's templates and the tests all go through `readBoard`, so a
 * bad file gets the same message everywhere: the field path and what is wrong.
 */
import { z } from './zod';
import { ARROW_HEADS, ARROW_ROUTES, drawingOf, hasRole, isKnownKind, KINDS, SHAPE_OUTLINES } from './catalog';
import { BOARD_FORMAT, FEATURE_FLAGS, SCALE_FIELDS, type Board } from './types';
import {
  MAX_BLOCKS,
  MAX_BOARD_FILE_BYTES,
  MAX_FAN_OUT,
  MAX_FONT_SIZE,
  MAX_LABEL_CHARS,
  MAX_LINKS,
  MAX_NESTING_DEPTH,
  MAX_REPLICAS,
  MAX_STROKE_POINTS,
  MAX_TEXT_CHARS,
} from '../limits';
import { LINK_ROUTES } from './link-route';
import { jsonDepth } from './nesting';
import { commentThreadsSchema } from './comments';

export interface FormatIssue {
  /** Where in the file, such as `blocks[2].x`; empty for the file as a whole. */
  path: string;
  message: string;
}

/** A file that is not a valid board. `message` names the first problems and their field paths. */
export class BoardFormatError extends Error {
  constructor(
    readonly issues: FormatIssue[],
    readonly fileName?: string,
  ) {
    super(describeIssues(issues, fileName));
    this.name = 'BoardFormatError';
  }
}

function describeIssues(issues: FormatIssue[], fileName?: string): string {
  const shown = issues.slice(0, 5).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
  const prefix = fileName ? `${fileName} is not a valid board: ` : 'Not a valid board: ';
  return prefix + shown.join('; ') + more;
}

/** `['blocks', 2, 'x']` becomes `blocks[2].x`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

const label = z.string().max(MAX_LABEL_CHARS);
const text = z.string().max(MAX_TEXT_CHARS);
const nonNegative = z.number().min(0);

const blockSchema = z.looseObject({
  id: z.string().min(1, 'must not be empty'),
  kind: z.string().refine(isKnownKind, { message: `unknown kind; expected one of ${KINDS.join(', ')}` }),
  x: z.number(),
  y: z.number(),
  label: label.optional(),
  tech: label.optional(),
  notes: text.optional(),
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
  parent: z.string().min(1).optional(),
  replicas: z.number().int().min(1).max(MAX_REPLICAS).optional(),
  managed: z.boolean().optional(),
  capacityQps: z.number().positive().optional(),
  hitRatio: z.number().min(0).max(1).optional(),
  readShare: z.number().min(0).max(1).optional(),
  standby: z.boolean().optional(),
  // Drawing kinds (text, shape, sketch, arrow); which kind needs which is checked in checkDrawing.
  fontSize: z.number().positive().max(MAX_FONT_SIZE).optional(),
  points: z
    .array(z.number().finite())
    .max(2 * MAX_STROKE_POINTS, `at most ${MAX_STROKE_POINTS} points`)
    .refine((p) => p.length % 2 === 0, { message: 'a flat list of x, y pairs: its length must be even' })
    .optional(),
  pressures: z.array(z.number().min(0).max(1)).max(MAX_STROKE_POINTS).optional(),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{3,8}$/, 'a colour such as "#1e293b"')
    .optional(),
  strokeWidth: z.number().positive().max(100).optional(),
  highlighter: z.boolean().optional(),
  heads: z.enum(ARROW_HEADS).optional(),
  route: z.enum(ARROW_ROUTES).optional(),
  fromBlock: z.string().min(1).optional(),
  toBlock: z.string().min(1).optional(),
  z: z.number().int().optional(),
});

const linkSchema = z.looseObject({
  id: z.string().min(1, 'must not be empty'),
  from: z.string().min(1),
  to: z.string().min(1),
  label: label.optional(),
  protocol: label.optional(),
  async: z.boolean().optional(),
  fanOut: z.number().positive().max(MAX_FAN_OUT).optional(),
  labelAt: z.number().min(0).max(1).optional(),
  route: z.enum(LINK_ROUTES).optional(),
});

/** The JSON type a known field holds. */
export type FieldType = 'string' | 'number' | 'boolean';

/** The type of each known field of an object schema, read from the schema itself so the two cannot disagree. */
function fieldTypesOf(schema: z.ZodObject): Readonly<Record<string, FieldType>> {
  const types: Record<string, FieldType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    let inner: z.ZodType = field as z.ZodType;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
    if (inner instanceof z.ZodString) types[key] = 'string';
    else if (inner instanceof z.ZodNumber) types[key] = 'number';
    else if (inner instanceof z.ZodBoolean) types[key] = 'boolean';
  }
  return Object.freeze(types);
}

/** The types of a block's known fields: what the sync server checks in live updates (a label is text, x a number). */
export const BLOCK_FIELD_TYPES = fieldTypesOf(blockSchema);
/** The types of a link's known fields. */
export const LINK_FIELD_TYPES = fieldTypesOf(linkSchema);

const requirementsSchema = z.looseObject({
  prompt: text.optional(),
  functional: z.array(text).optional(),
  assumptions: z.array(text).optional(),
  features: z.looseObject(Object.fromEntries(FEATURE_FLAGS.map((f) => [f, z.boolean().optional()]))).optional(),
  scale: z.looseObject(Object.fromEntries(SCALE_FIELDS.map((f) => [f, nonNegative.optional()]))).optional(),
  latencyP99Ms: z.number().positive().optional(),
  availability: z.number().gt(0).lt(100).optional(),
  consistency: z.enum(['strong', 'eventual']).optional(),
});

const notesSchema = z.record(z.string(), text);

const templateSchema = z.looseObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  summary: text,
  questions: z.array(text),
  reference: z.looseObject({
    blocks: z.array(blockSchema).max(MAX_BLOCKS),
    links: z.array(linkSchema).max(MAX_LINKS),
    notes: notesSchema.optional(),
  }),
});

const settingsSchema = z.looseObject({
  disabledRules: z.array(z.string()).optional(),
  findingsVisibleToCandidate: z.boolean().optional(),
  linkRoute: z.enum(LINK_ROUTES).optional(),
});

const boardSchema = z.looseObject({
  format: z.literal(BOARD_FORMAT, { error: `expected "${BOARD_FORMAT}"` }),
  title: label.optional(),
  settings: settingsSchema.optional(),
  requirements: requirementsSchema.optional(),
  blocks: z.array(blockSchema).max(MAX_BLOCKS, `at most ${MAX_BLOCKS} blocks`),
  links: z.array(linkSchema).max(MAX_LINKS, `at most ${MAX_LINKS} links`).default([]),
  notes: notesSchema.optional(),
  template: templateSchema.optional(),
  comments: commentThreadsSchema.optional(),
});

type Located = {
  id: string;
  kind?: string;
  parent?: string;
  from?: string;
  to?: string;
  points?: number[];
  shape?: unknown;
  fromBlock?: string;
  toBlock?: string;
};

/** What each drawing kind needs: strokes points, arrows two points at least, shapes an outline; bound ends exist. */
function checkDrawing(blocks: Located[], blockIndex: Map<string, number>, at: string, issues: FormatIssue[]): void {
  blocks.forEach((b, i) => {
    const drawing = drawingOf(b.kind ?? '');
    const where = `${at}blocks[${i}]`;
    if (drawing === 'sketch' && (b.points?.length ?? 0) < 2)
      issues.push({ path: `${where}.points`, message: 'a stroke needs at least one point' });
    if (drawing === 'arrow' && (b.points?.length ?? 0) < 4)
      issues.push({ path: `${where}.points`, message: 'an arrow needs at least two points' });
    if (drawing === 'shape' && !(SHAPE_OUTLINES as readonly unknown[]).includes(b.shape))
      issues.push({ path: `${where}.shape`, message: `expected one of ${SHAPE_OUTLINES.join(', ')}` });
    for (const end of ['fromBlock', 'toBlock'] as const) {
      const ref = b[end];
      if (ref !== undefined && !blockIndex.has(ref))
        issues.push({ path: `${where}.${end}`, message: `no block with id "${ref}"` });
    }
  });
}

/** Ids unique, links between existing blocks, parents that are groups, no parent cycles. */
function checkReferences(blocks: Located[], links: Located[], at: string, issues: FormatIssue[]): void {
  const blockIndex = new Map<string, number>();
  blocks.forEach((b, i) => {
    if (blockIndex.has(b.id)) issues.push({ path: `${at}blocks[${i}].id`, message: `duplicate block id "${b.id}"` });
    else blockIndex.set(b.id, i);
  });
  blocks.forEach((b, i) => {
    if (b.parent === undefined) return;
    const parentAt = blockIndex.get(b.parent);
    if (parentAt === undefined)
      issues.push({ path: `${at}blocks[${i}].parent`, message: `no block with id "${b.parent}"` });
    else if (!hasRole(blocks[parentAt]!.kind ?? '', 'frame'))
      issues.push({ path: `${at}blocks[${i}].parent`, message: `"${b.parent}" is not a group` });
  });
  // A parent chain that comes back to where it started would nest a group in itself.
  const parentOf = new Map(blocks.map((b) => [b.id, b.parent]));
  blocks.forEach((b, i) => {
    const seen = new Set([b.id]);
    for (let p = b.parent; p !== undefined; p = parentOf.get(p)) {
      if (seen.has(p)) {
        issues.push({ path: `${at}blocks[${i}].parent`, message: `groups nest in a cycle through "${p}"` });
        return;
      }
      seen.add(p);
    }
  });
  checkDrawing(blocks, blockIndex, at, issues);
  const linkIds = new Set<string>();
  links.forEach((l, i) => {
    if (linkIds.has(l.id)) issues.push({ path: `${at}links[${i}].id`, message: `duplicate link id "${l.id}"` });
    linkIds.add(l.id);
    for (const end of ['from', 'to'] as const) {
      const ref = l[end]!;
      if (!blockIndex.has(ref)) issues.push({ path: `${at}links[${i}].${end}`, message: `no block with id "${ref}"` });
    }
  });
}

/**
 * Validates a parsed JSON value as a board and returns it typed. Unknown fields
 * are kept (later versions may add fields). Throws BoardFormatError.
 */
export function readBoard(input: unknown, fileName?: string): Board {
  // Before anything walks it: unknown fields are kept, and every later step (zod, Yjs, JSON.stringify) recurses per level.
  if (jsonDepth(input) > MAX_NESTING_DEPTH)
    throw new BoardFormatError(
      [{ path: '', message: `values nest more than ${MAX_NESTING_DEPTH} levels deep` }],
      fileName,
    );
  const parsed = boardSchema.safeParse(input);
  if (!parsed.success) {
    throw new BoardFormatError(
      parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
      fileName,
    );
  }
  const board = parsed.data;
  const issues: FormatIssue[] = [];
  checkReferences(board.blocks, board.links, '', issues);
  if (board.template)
    checkReferences(board.template.reference.blocks, board.template.reference.links, 'template.reference.', issues);
  if (issues.length > 0) throw new BoardFormatError(issues, fileName);
  return board;
}

/** Parses JSON text and validates it as a board. Throws BoardFormatError, also for text that is not JSON. */
export function parseBoardJson(textContent: string, fileName?: string): Board {
  if (textContent.length > MAX_BOARD_FILE_BYTES) {
    throw new BoardFormatError(
      [{ path: '', message: `the file is larger than ${MAX_BOARD_FILE_BYTES / 1024 / 1024} MB` }],
      fileName,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(textContent);
  } catch (err) {
    throw new BoardFormatError([{ path: '', message: `not JSON (${(err as Error).message})` }], fileName);
  }
  return readBoard(value, fileName);
}

/** Board format v1 as pretty-printed JSON text. */
export function writeBoard(board: Board): string {
  return JSON.stringify(board, null, 2) + '\n';
}
