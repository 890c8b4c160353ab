/**
 * The answers to a template's clarifying questions. A template file lists its
 * questions and its requirements separately (the file format has no answer per
 * question), so each part of the requirements (a functional line, an
 * assumption, a feature, a scale figure, a target) goes to the question it
 * answers best: by topic ("how many ... a day" asks for the scale, "how fast"
 * for the latency) and by the words they share. What no question asks for is
 * kept as a last answer, "Anything else", so revealing every answer gives the
 * whole of the template's requirements.
 *
 * Pure: the interviewer's panel shows these answers, and revealing one turns it
 * into ops (`revealOps`) that add it to the shared requirements without ever
 * overwriting what the candidate wrote.
 */
import type { BoardOp } from '../board/ops';
import { FEATURE_INFO, SCALE_INFO } from '../board/requirements-info';
import {
  FEATURE_FLAGS,
  SCALE_FIELDS,
  type Consistency,
  type FeatureFlag,
  type Requirements,
  type ScaleField,
} from '../board/types';
import { formatBytes, formatCount } from '../estimate/units';

/** One piece of the template's requirements. */
export type AnswerPart =
  | { kind: 'functional'; text: string }
  | { kind: 'assumption'; text: string }
  | { kind: 'feature'; flag: FeatureFlag }
  | { kind: 'scale'; field: ScaleField; value: number }
  | { kind: 'latency'; value: number }
  | { kind: 'availability'; value: number }
  | { kind: 'consistency'; value: Consistency };

/** A question with what the template says in answer. */
export interface TemplateAnswer {
  /** The question's index in the template (the question count for "Anything else"). */
  index: number;
  question: string;
  parts: AnswerPart[];
  /** The parts as sentences, as the candidate will read them. */
  lines: string[];
}

/** The question under which the parts no question asks for are listed. */
export const ANYTHING_ELSE = 'Anything else the template states';
/** The same question as a candidate asks it (a solo round's question list and report). */
export const ANYTHING_ELSE_ASKED = 'Is there anything else I should know?';

/** A question as the candidate asks it. */
export function askedAs(question: string): string {
  return question === ANYTHING_ELSE ? ANYTHING_ELSE_ASKED : question;
}

/** A question about what the system must do: the functional lines are its answer first of all. */
const SCOPE_TOPIC = /\b(in scope|which features|what features|which flows)\b/i;
const SCALE_TOPIC = /\b(how many|how much|daily|a day|per day|users|scale|volume|a second|how large|bursty|traffic)\b/i;
const LATENCY_TOPIC = /\b(latency|how fast|how quickly|how soon|p99|acceptable delay|start)\b/i;
const AVAILABILITY_TOPIC = /\b(availab\w*|fails?|down|durab\w*|lose|outage)\b/i;
const CONSISTENCY_TOPIC =
  /\b(consisten\w*|exact\w*|order|same for every\w*|instant\w*|stale|overshoot|at once|just taken|everywhere)\b/i;
const FEATURE_TOPIC: Record<FeatureFlag, RegExp> = {
  search: /\bsearch\w*/i,
  media: /\b(photos?|videos?|images?|files?|media|uploads?)\b/i,
  staticContent: /\b(static|assets)\b/i,
  asyncJobs: /\b(notif\w*|background|deliver\w*|queue\w*|encod\w*|async\w*|campaigns?|fan-out)\b/i,
  realtime: /\b(push\w*|live|real-time|realtime|presence|typing|connected|streaming)\b/i,
  analytics: /\b(analytics|counts?|track\w*|metrics?|dashboards?|reports?)\b/i,
};
const SCALE_FIELD_TOPIC: Record<ScaleField, RegExp> = {
  dau: /\b(users|daily|viewers|visitors|riders|accounts)\b/i,
  readsPerUserPerDay: /\b(reads?|ratio|loads?|redirects?|searches|requests)\b/i,
  writesPerUserPerDay: /\b(writes?|ratio|created|posts?|tweets|uploads?|messages)\b/i,
  peakFactor: /\b(peak|bursty|burst)\b/i,
  bytesPerWrite: /\b(how large|size|bytes|large)\b/i,
  bytesPerRead: /\b(how large|size|bytes|large)\b/i,
  bytesPerUser: /\b(keep|stores?|per user)\b/i,
  retentionYears: /\b(how long|kept|keep|retention|expire)\b/i,
  replicationFactor: /\b(copies|durab\w*|replica\w*)\b/i,
};

const STOP_WORDS = new Set(
  'what which when where there their they them this that with from have does must should would could about into than then each many much more most only also other others users user'.split(
    ' ',
  ),
);

/** A sentence's significant words, cut to a common stem. */
function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.toLowerCase().match(/[a-z][a-z-]{3,}/g) ?? []) {
    if (!STOP_WORDS.has(word)) out.add(word.slice(0, 5));
  }
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}

/** How well a question asks for a part: 0 when it does not. */
function score(part: AnswerPart, question: string, questionStems: Set<string>): number {
  switch (part.kind) {
    case 'functional':
      // The scope question shares few words with the lines it settles ("posting" and "Post a tweet").
      return overlap(stems(part.text), questionStems) + (SCOPE_TOPIC.test(question) ? 1 : 0);
    case 'assumption': {
      // Assumptions with figures are the basis of the numbers: they answer the scale question.
      const figures = /\d/.test(part.text) && SCALE_TOPIC.test(question) ? 1 : 0;
      return overlap(stems(part.text), questionStems) + figures;
    }
    case 'feature':
      return FEATURE_TOPIC[part.flag].test(question) ? 3 : 0;
    case 'scale':
      return (SCALE_TOPIC.test(question) ? 3 : 0) + (SCALE_FIELD_TOPIC[part.field].test(question) ? 2 : 0);
    case 'latency':
      return LATENCY_TOPIC.test(question) ? 3 : 0;
    case 'availability':
      return AVAILABILITY_TOPIC.test(question) ? 3 : 0;
    case 'consistency':
      return CONSISTENCY_TOPIC.test(question) ? 3 : 0;
  }
}

/** A part as the sentence the candidate reads. */
export function partLine(part: AnswerPart): string {
  switch (part.kind) {
    case 'functional':
    case 'assumption':
      return part.text;
    case 'feature':
      return `${FEATURE_INFO[part.flag].label}: ${FEATURE_INFO[part.flag].description.toLowerCase()}.`;
    case 'scale': {
      const info = SCALE_INFO[part.field];
      const value =
        info.kind === 'bytes'
          ? formatBytes(part.value)
          : info.kind === 'years'
            ? `${part.value} years`
            : formatCount(part.value);
      return `${info.label}: ${value}`;
    }
    case 'latency':
      return `p99 latency: ${part.value} ms`;
    case 'availability':
      return `Availability: ${part.value}%`;
    case 'consistency':
      return part.value === 'strong' ? 'Consistency: strong' : 'Consistency: eventual is acceptable';
  }
}

/** Every part of a template's requirements but the prompt (which the board starts with). */
export function answerParts(req: Requirements): AnswerPart[] {
  const parts: AnswerPart[] = [];
  for (const text of req.functional ?? []) parts.push({ kind: 'functional', text });
  for (const flag of FEATURE_FLAGS) if (req.features?.[flag] === true) parts.push({ kind: 'feature', flag });
  for (const field of SCALE_FIELDS) {
    const value = req.scale?.[field];
    if (value !== undefined) parts.push({ kind: 'scale', field, value });
  }
  for (const text of req.assumptions ?? []) parts.push({ kind: 'assumption', text });
  if (req.latencyP99Ms !== undefined) parts.push({ kind: 'latency', value: req.latencyP99Ms });
  if (req.availability !== undefined) parts.push({ kind: 'availability', value: req.availability });
  if (req.consistency !== undefined) parts.push({ kind: 'consistency', value: req.consistency });
  return parts;
}

/**
 * Each question with its answer, in the template's order, then "Anything else"
 * when some part answers none of them. A question nothing answers has no parts:
 * the interviewer answers it in their own words.
 */
export function templateAnswers(questions: readonly string[], req: Requirements): TemplateAnswer[] {
  const questionStems = questions.map(stems);
  const byQuestion: AnswerPart[][] = questions.map(() => []);
  const rest: AnswerPart[] = [];
  const parts = answerParts(req);
  // The figures stay together, under the question that asks for most of them.
  const scaleParts = parts.filter((p) => p.kind === 'scale');
  let scaleQuestion = -1;
  let scaleBest = 0;
  questions.forEach((q, i) => {
    const total = scaleParts.reduce((sum, p) => sum + score(p, q, questionStems[i]!), 0);
    if (total > scaleBest) {
      scaleQuestion = i;
      scaleBest = total;
    }
  });
  for (const part of parts) {
    if (part.kind === 'scale') {
      (scaleQuestion >= 0 ? byQuestion[scaleQuestion]! : rest).push(part);
      continue;
    }
    let best = -1;
    let bestScore = 0;
    questions.forEach((q, i) => {
      const s = score(part, q, questionStems[i]!);
      if (s > bestScore) {
        best = i;
        bestScore = s;
      }
    });
    (best >= 0 ? byQuestion[best]! : rest).push(part);
  }
  const answers = questions.map((question, index) => {
    const parts = byQuestion[index]!;
    return { index, question, parts, lines: parts.map(partLine) };
  });
  if (rest.length > 0)
    answers.push({ index: questions.length, question: ANYTHING_ELSE, parts: rest, lines: rest.map(partLine) });
  return answers;
}

/**
 * The ops that write an answer into the shared requirements. They add what is
 * missing and fill what is empty; anything the candidate already wrote (a line,
 * a figure, a target) stays as they wrote it.
 */
export function revealOps(parts: readonly AnswerPart[], current: Requirements): BoardOp[] {
  const ops: BoardOp[] = [];
  const functional = [...(current.functional ?? [])];
  const assumptions = [...(current.assumptions ?? [])];
  const has = (list: string[], text: string) => list.some((l) => l.trim().toLowerCase() === text.trim().toLowerCase());
  for (const part of parts) {
    switch (part.kind) {
      case 'functional':
        if (!has(functional, part.text)) {
          ops.push({ op: 'insert-functional', index: functional.length, text: part.text });
          functional.push(part.text);
        }
        break;
      case 'assumption':
        if (!has(assumptions, part.text)) assumptions.push(part.text);
        break;
      case 'feature':
        if (current.features?.[part.flag] !== true) ops.push({ op: 'set-feature', flag: part.flag, on: true });
        break;
      case 'scale':
        if (current.scale?.[part.field] === undefined)
          ops.push({ op: 'set-scale', field: part.field, value: part.value });
        break;
      case 'latency':
        if (current.latencyP99Ms === undefined)
          ops.push({ op: 'set-requirement', field: 'latencyP99Ms', value: part.value });
        break;
      case 'availability':
        if (current.availability === undefined)
          ops.push({ op: 'set-requirement', field: 'availability', value: part.value });
        break;
      case 'consistency':
        if (current.consistency === undefined)
          ops.push({ op: 'set-requirement', field: 'consistency', value: part.value });
        break;
    }
  }
  if (assumptions.length > (current.assumptions ?? []).length)
    ops.push({ op: 'set-requirement', field: 'assumptions', value: assumptions });
  return ops;
}
