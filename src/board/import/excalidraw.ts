/**
 * Excalidraw scenes (`.excalidraw`) and Excalidraw's clipboard JSON as
 * boards, positions kept. Rectangles, ellipses and diamonds become blocks when
 * their text names a kind and shapes otherwise; text bound to a container
 * (`containerId`) labels it; arrows bound at both ends (`startBinding`,
 * `endBinding`) become links; loose arrows, lines and freehand strokes become
 * the drawing kinds; frames become groups; standalone text stays text.
 */
import { z } from 'zod';
import { type ShapeOutline, kindDrawnAs } from '../catalog';
import { BoardBuilder, ImportError, type ImportResult } from './build';

const point = z.tuple([z.number(), z.number()]).rest(z.unknown());

const elementSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string(),
  x: z.number(),
  y: z.number(),
  width: z.number().optional(),
  height: z.number().optional(),
  isDeleted: z.boolean().optional(),
  text: z.string().optional(),
  originalText: z.string().optional(),
  fontSize: z.number().optional(),
  containerId: z.string().nullish(),
  frameId: z.string().nullish(),
  name: z.string().nullish(),
  points: z.array(point).optional(),
  startBinding: z.looseObject({ elementId: z.string() }).nullish(),
  endBinding: z.looseObject({ elementId: z.string() }).nullish(),
  startArrowhead: z.string().nullish(),
  endArrowhead: z.string().nullish(),
  strokeColor: z.string().optional(),
  strokeWidth: z.number().optional(),
  strokeStyle: z.string().optional(),
});
type Element = z.infer<typeof elementSchema>;

const sceneSchema = z.looseObject({
  type: z.enum(['excalidraw', 'excalidraw/clipboard']),
  elements: z.array(z.unknown()),
});

const SHAPES: Record<string, ShapeOutline> = { rectangle: 'rectangle', ellipse: 'ellipse', diamond: 'diamond' };

/** Excalidraw's default stroke colour: not worth keeping on a stroke. */
const DEFAULT_STROKE = '#1e1e1e';

/** Whether a parsed JSON value looks like an Excalidraw scene or clipboard. */
export function isExcalidraw(value: unknown): boolean {
  return sceneSchema.safeParse(value).success;
}

const textOf = (e: Element) => (e.originalText ?? e.text ?? '').trim();

/** An Excalidraw scene or clipboard (parsed JSON) as a board. Throws ImportError for anything else. */
export function importExcalidraw(value: unknown, fileName?: string): ImportResult {
  const scene = sceneSchema.safeParse(value);
  if (!scene.success)
    throw new ImportError(
      `${fileName ?? 'The file'} is not an Excalidraw scene: it needs "type": "excalidraw" and "elements"`,
    );
  const builder = new BoardBuilder('excalidraw', fileName);
  const elements: Element[] = [];
  scene.data.elements.forEach((raw, i) => {
    const parsed = elementSchema.safeParse(raw);
    if (!parsed.success)
      builder.warnings.push(`element ${i} skipped: ${parsed.error.issues[0]?.message ?? 'malformed'}`);
    else if (!parsed.data.isDeleted) elements.push(parsed.data);
  });
  const byId = new Map(elements.map((e) => [e.id, e]));
  // Text bound to a container labels it.
  const labels = new Map<string, string>();
  for (const e of elements)
    if (e.type === 'text' && e.containerId && byId.has(e.containerId)) labels.set(e.containerId, textOf(e));

  const frames = elements.filter((e) => e.type === 'frame' || e.type === 'magicframe');
  for (const f of frames)
    builder.group({ sourceId: f.id, label: f.name ?? 'Frame', x: f.x, y: f.y, width: f.width, height: f.height });
  /** Position relative to the frame the element sits in, as the board keeps it. */
  const place = (e: Element) => {
    const frame = e.frameId ? byId.get(e.frameId) : undefined;
    const parent = frame ? builder.idOf(frame.id) : undefined;
    return parent && frame ? { x: e.x - frame.x, y: e.y - frame.y, parent } : { x: e.x, y: e.y };
  };

  for (const e of elements) {
    const drawn = SHAPES[e.type];
    if (drawn) {
      builder.node({
        sourceId: e.id,
        text: labels.get(e.id) ?? '',
        drawn,
        width: e.width,
        height: e.height,
        keepSize: false,
        ...place(e),
      });
    } else if (e.type === 'text' && !(e.containerId && byId.has(e.containerId))) {
      const text = textOf(e);
      if (text)
        builder.drawing(e.id, {
          kind: kindDrawnAs('text'),
          ...place(e),
          label: text,
          ...(e.fontSize ? { fontSize: e.fontSize } : {}),
        });
    } else if (e.type === 'image' || e.type === 'embeddable' || e.type === 'iframe') {
      builder.node({
        sourceId: e.id,
        text: labels.get(e.id) ?? e.type,
        drawn: 'rectangle',
        width: e.width,
        height: e.height,
        ...place(e),
      });
      builder.warnings.push(`${e.type} ${e.id} kept as a shape: pictures are not imported`);
    }
  }

  for (const e of elements) {
    if (e.type === 'freedraw') {
      const points = (e.points ?? []).flatMap((p) => [round(p[0]), round(p[1])]);
      if (points.length < 2) continue;
      builder.drawing(e.id, {
        kind: kindDrawnAs('sketch'),
        ...place(e),
        points,
        ...(e.strokeColor && e.strokeColor !== DEFAULT_STROKE ? { color: e.strokeColor } : {}),
        ...(e.strokeWidth ? { strokeWidth: e.strokeWidth } : {}),
      });
      continue;
    }
    if (e.type !== 'arrow' && e.type !== 'line') continue;
    const from = e.startBinding ? builder.idOf(e.startBinding.elementId) : undefined;
    const to = e.endBinding ? builder.idOf(e.endBinding.elementId) : undefined;
    const label = labels.get(e.id);
    const dashed = e.strokeStyle === 'dashed' || e.strokeStyle === 'dotted';
    if (e.type === 'arrow' && from !== undefined && to !== undefined && from !== to) {
      // An arrow drawn backwards (head at its start only) still points where its head is.
      const backwards = !e.endArrowhead && !!e.startArrowhead;
      builder.link(backwards ? to : from, backwards ? from : to, {
        ...(label ? { label } : {}),
        ...(dashed ? { async: true } : {}),
      });
      continue;
    }
    let points = (e.points ?? []).map((p) => [round(p[0]), round(p[1])] as const);
    if (points.length < 2) continue;
    let heads: 'end' | 'both' | 'none' = e.startArrowhead && e.endArrowhead ? 'both' : e.endArrowhead ? 'end' : 'none';
    let [start, end] = [from, to];
    if (heads === 'none' && e.startArrowhead) {
      points = [...points].reverse();
      heads = 'end';
      [start, end] = [to, from];
    }
    builder.drawing(e.id, {
      kind: kindDrawnAs('arrow'),
      ...place(e),
      points: points.flat(),
      heads,
      ...(start !== undefined ? { fromBlock: start } : {}),
      ...(end !== undefined ? { toBlock: end } : {}),
      ...(label ? { label } : {}),
    });
  }
  return builder.finish();
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Parses text and imports it; ImportError for text that is not JSON. */
export function importExcalidrawText(text: string, fileName?: string): ImportResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ImportError(`${fileName ?? 'The file'} is not JSON (${(err as Error).message})`);
  }
  return importExcalidraw(value, fileName);
}
