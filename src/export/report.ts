/**
 * The written report of an interview, as Markdown or a printable HTML page:
 * title, prompt, requirements, estimate, diagram, notes, time per step and
 * lint findings. The interviewer's copy adds their private notes and the
 * scorecard, which come only through the separate `InterviewerCopy` argument:
 * the candidate's copy is built without it, so nothing private can leak into
 * it by a flag set wrong, and `ReportInput` has no field that could carry it.
 * A solo practice round's report adds the questions asked, the comparison
 * with the reference and the candidate's self-assessment (`ReportInput.solo`):
 * there the candidate is the only reader.
 */
import { FEATURE_FLAGS, NOTE_TOPICS, type Board, type Block, type Requirements } from '../board/types';
import { FEATURE_INFO } from '../board/requirements-info';
import { CATALOG } from '../board/catalog';
import {
  allowedDowntimeSecondsPerYear,
  estimate as estimateRequirements,
  formatDuration,
  formatValue,
  type Estimate,
} from '../estimate';
import { SEVERITIES, lint, type DrillRecord, type Finding, type Severity } from '../lint';
import { formatClock, type TimerView } from '../interview/timer';
import { compareWithReference, describeComparison, type BlocksOf } from '../interview/compare';
import {
  DIMENSIONS,
  EXPECTATION_ASPECTS,
  levelInfo,
  ratingLabel,
  signalLabel,
  type Scorecard,
} from '../interview/scorecard';
import { doc, type DocBlock, type Span } from './document';
import { toHtmlPage } from './html';
import { toMarkdown } from './markdown';
import { boardToMermaid } from './mermaid';

/** What every copy of the report is made from (shared, document-scope data only). */
export interface ReportInput {
  board: Board;
  /** The estimate the requirements panel has; computed from the board's requirements when absent. */
  estimate?: Estimate;
  /**
   * Lint findings; the board is linted when absent; null leaves the section
   * out. The candidate's copy shows them only once the interviewer has made
   * them visible (`settings.findingsVisibleToCandidate`), as the app does.
   */
  findings?: readonly Finding[] | null;
  /** The timer at export time (`timerView(state, serverNow)`); the time section is left out when absent. */
  timer?: TimerView;
  /** The diagram picture: a PNG data URL or a file name next to the report. Left out when unsafe (see isSafeImageSource). */
  diagram?: { src: string; alt?: string };
  /** When the report was made, printed as given under the title. */
  date?: string;
  /**
   * The failure drills the interviewer kept for the report, oldest first
   * (a drill is session scope: only a kept one is written down). The section
   * is left out when there are none.
   */
  drills?: readonly DrillRecord[];
  /** How a drill's time is printed (the app gives the interview clock or the local time); ISO time when absent. */
  drillTime?: (at: number) => string;
  /**
   * A solo practice round (one person alone, the board playing the
   * interviewer). Its report is the candidate's own, so it shows the findings
   * and everything below; a board with an interviewer never passes it.
   */
  solo?: SoloRound;
  /**
   * Peer rounds: this board's number and the rounds before and after it,
   * each linked (a link anyone holding the report may follow: the app gives
   * observer links), so the two rounds' reports link each other.
   */
  rounds?: { number: number; previous?: { number: number; href: string }; next?: { number: number; href: string } };
}

/** What a solo practice round adds to the report. */
export interface SoloRound {
  /** The template's clarifying questions, in its order, each with whether the candidate asked it. */
  questions: readonly { question: string; asked: boolean }[];
  /** The template's reference design; absent while the round runs, since the reference stays hidden until the end. */
  reference?: BlocksOf;
  /** The candidate's ratings of themselves on the scorecard's four dimensions, against `level` when set. */
  selfAssessment: Pick<Scorecard, 'level' | 'dimensions'>;
}

/** The interviewer's private material, from the private document. Pass it only for the interviewer's own copy. */
export interface InterviewerCopy {
  privateNotes?: string;
  scorecard?: Scorecard;
  /** Evidence pinned to moments, oldest first: `clock` as shown ("14:05"), `href` opens the replay there. */
  pins?: readonly { clock: string; note: string; blocks: readonly string[]; href: string }[];
  /** The interviewer's private comments, oldest first: `on` names what each is pinned to, `dimension` the scorecard dimension it is evidence for. */
  comments?: readonly PrivateCommentLine[];
}

/** A private comment as the report lists it. */
export interface PrivateCommentLine {
  text: string;
  on: string;
  dimension: string | null;
  replies: readonly string[];
  resolved: boolean;
}

function commentItem(c: PrivateCommentLine): Span[] {
  return [c.text, ` (on ${c.on}${c.resolved ? ', resolved' : ''})`, ...c.replies.map((r) => ` · ${r}`)];
}

/** Notes that read as code or schemas keep their layout in a code block; the rest read as prose. */
const CODE_LIKE_TOPICS = new Set(['api', 'dataModel']);

const SEVERITY_HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Information' };

/** The steps of the estimate shown in the summary table; the others are in the arithmetic below it. */
const ESTIMATE_SUMMARY_STEPS = new Set([
  'avg-qps',
  'peak-read-qps',
  'peak-write-qps',
  'peak-qps',
  'storage-per-day',
  'storage-total',
  'peak-bandwidth',
]);

const nonEmpty = (text: unknown): text is string => typeof text === 'string' && text.trim() !== '';

function blockName(block: Block | undefined, id: string): string {
  if (!block) return id;
  if (nonEmpty(block.label)) return block.label.trim();
  return CATALOG.find((e) => e.kind === block.kind)?.label ?? block.kind;
}

function requirementsSection(req: Requirements | undefined): DocBlock[] {
  const out: DocBlock[] = [doc.heading(2, 'Requirements'), doc.heading(3, 'Functional')];
  const functional = (req?.functional ?? []).filter(nonEmpty);
  out.push(functional.length > 0 ? doc.list(functional.map((f) => [f])) : doc.paragraph('None written down.'));

  const assumptions = (req?.assumptions ?? []).filter(nonEmpty);
  if (assumptions.length > 0) out.push(doc.heading(3, 'Assumptions'), doc.list(assumptions.map((a) => [a])));

  const targets: string[][] = [];
  if (typeof req?.latencyP99Ms === 'number') targets.push(['Latency (p99)', `${req.latencyP99Ms} ms`]);
  if (typeof req?.availability === 'number') {
    targets.push([
      'Availability',
      `${req.availability}% (${formatDuration(allowedDowntimeSecondsPerYear(req.availability))} of downtime a year)`,
    ]);
  }
  if (req?.consistency) targets.push(['Consistency', req.consistency === 'strong' ? 'Strong' : 'Eventual']);
  out.push(doc.heading(3, 'Non-functional'));
  out.push(targets.length > 0 ? doc.table(['Target', 'Value'], targets) : doc.paragraph('None stated.'));

  const features = FEATURE_FLAGS.filter((f) => req?.features?.[f] === true);
  if (features.length > 0)
    out.push(doc.paragraph(doc.strong('Needs:'), ` ${features.map((f) => FEATURE_INFO[f].label).join(', ')}`));
  return out;
}

function estimateSection(e: Estimate): DocBlock[] {
  const out: DocBlock[] = [doc.heading(2, 'Estimate')];
  if (e.steps.length === 0) {
    out.push(doc.paragraph('No scale given: the daily active users and reads and writes per user drive the figures.'));
    return out;
  }
  const summary = e.steps.filter((s) => ESTIMATE_SUMMARY_STEPS.has(s.id));
  if (summary.length > 0)
    out.push(
      doc.table(
        ['Figure', 'Value'],
        summary.map((s) => [s.label, formatValue(s.value, s.unit)]),
        ['left', 'right'],
      ),
    );
  out.push(doc.heading(3, 'How'));
  out.push(
    doc.list(
      e.steps.map((s): Span[] => [
        doc.strong(`${s.label}:`),
        ` ${s.formula} = ${formatValue(s.value, s.unit)}`,
        ...(s.assumed?.length ? [' ', doc.emphasis('(assumed)')] : []),
      ]),
      true,
    ),
  );
  if (e.assumed.length > 0) {
    const factors = e.assumed.map((f) =>
      f === 'peakFactor' ? `peak factor ${e.peakFactor}` : `replication factor ${e.replicationFactor}`,
    );
    out.push(doc.paragraph(`Assumed, as usual when the requirements do not say: ${factors.join(', ')}.`));
  }
  return out;
}

/**
 * The diagram: its picture, and in Markdown its Mermaid text too (which
 * Markdown viewers draw, and which diffs well). A printed page shows the
 * picture only: Mermaid source is not a drawing to someone reading paper.
 */
function diagramSection(board: Board, diagram: ReportInput['diagram'], mermaid: boolean): DocBlock[] {
  const out: DocBlock[] = [doc.heading(2, 'Diagram')];
  if (board.blocks.length === 0) return [...out, doc.paragraph('The board is empty.')];
  if (diagram) out.push(doc.image(diagram.src, diagram.alt ?? `Diagram: ${board.title ?? 'the design'}`));
  if (mermaid) out.push(doc.code('mermaid', boardToMermaid(board)));
  else if (!diagram) out.push(doc.paragraph('The diagram could not be drawn here; the Markdown report holds it.'));
  return out;
}

function notesSection(board: Board): DocBlock[] {
  const notes = board.notes ?? {};
  const known = new Set<string>(NOTE_TOPICS.map((t) => t.id));
  const topics = [
    ...NOTE_TOPICS.map((t) => ({ id: t.id, label: t.label })),
    ...Object.keys(notes)
      .filter((k) => !known.has(k))
      .map((k) => ({ id: k, label: k })),
  ];
  const out: DocBlock[] = [doc.heading(2, 'Notes')];
  for (const topic of topics) {
    const text = notes[topic.id];
    if (!nonEmpty(text)) continue;
    out.push(
      doc.heading(3, topic.label),
      CODE_LIKE_TOPICS.has(topic.id) ? doc.code('text', text.trim()) : doc.text(text),
    );
  }
  if (out.length === 1) out.push(doc.paragraph('No notes.'));
  return out;
}

/**
 * "Over by" as the table's own columns add up: the spent time shown (whole
 * seconds, rounded down) less the budget, so 3:35 spent on a 3:00 step reads
 * over by 0:35. Empty when the shown spent time is within the budget.
 */
export function overBudgetText(spentMs: number, budgetMs: number): string {
  const overSeconds = Math.floor(spentMs / 1000) - Math.floor(budgetMs / 1000);
  return overSeconds > 0 ? formatClock(overSeconds * 1000) : '';
}

function timeSection(timer: TimerView): DocBlock[] {
  const rows = timer.phases.map((p) => [
    p.phase.label,
    formatClock(p.budgetMs),
    formatClock(p.spentMs),
    overBudgetText(p.spentMs, p.budgetMs),
  ]);
  rows.push([
    'Total',
    formatClock(timer.budgetMs),
    formatClock(timer.elapsedMs),
    overBudgetText(timer.elapsedMs, timer.budgetMs),
  ]);
  const out: DocBlock[] = [
    doc.heading(2, 'Time'),
    doc.table(['Step', 'Budget', 'Spent', 'Over by'], rows, ['left', 'right', 'right', 'right']),
  ];
  if (timer.checkpoint.warning) out.push(doc.paragraph(doc.strong('Checkpoint:'), ` ${timer.checkpoint.warning}`));
  return out;
}

function findingsSection(board: Board, findings: readonly Finding[]): DocBlock[] {
  const out: DocBlock[] = [doc.heading(2, 'Lint findings')];
  if (findings.length === 0) return [...out, doc.paragraph('No findings.')];
  const byId = new Map(board.blocks.map((b) => [b.id, b]));
  for (const severity of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(doc.heading(3, `${SEVERITY_HEADINGS[severity]} (${group.length})`));
    out.push(
      doc.list(
        group.map((f): Span[] => [
          doc.strong(f.rule),
          `: ${f.message}`,
          ...(f.blocks.length > 0
            ? [' ', doc.emphasis(`(${f.blocks.map((id) => blockName(byId.get(id), id)).join(', ')})`)]
            : []),
        ]),
      ),
    );
  }
  return out;
}

const names = (list: readonly string[]) => (list.length > 0 ? list.join(', ') : 'none');

function drillsSection(drills: readonly DrillRecord[], time: (at: number) => string): DocBlock[] {
  const out: DocBlock[] = [
    doc.heading(2, 'Failure drills'),
    doc.paragraph('What the interviewer failed, and what the design lost and kept; the design itself was not changed.'),
  ];
  drills.forEach((d, i) => {
    out.push(doc.heading(3, `Drill ${i + 1}: ${d.failed.join(', ')} down`));
    const items: Span[][] = [
      [doc.strong('When:'), ` ${time(d.at)}, by ${d.by}`],
      [doc.strong('Requirements losing service:'), ` ${names(d.requirementsLost)}`],
      [doc.strong('Clients losing all service:'), ` ${names(d.clientsDown)}`],
      [doc.strong('Clients losing part of it:'), ` ${names(d.clientsDegraded)}`],
    ];
    if (d.cut.length > 0) items.push([doc.strong('Cut off from their data:'), ` ${names(d.cut)}`]);
    items.push([
      doc.strong('Survives:'),
      ` ${
        d.survivors.length > 0
          ? d.survivors
              .map((s) => `${s.failed}: ${s.takenOverBy.join(', ')} take${s.takenOverBy.length === 1 ? 's' : ''} over`)
              .join('; ')
          : 'nothing takes over'
      }`,
    ]);
    out.push(doc.list(items));
  });
  return out;
}

/** The dimensions' ratings and notes as one table, for the scorecard and the self-assessment alike. */
function dimensionsTable(card: Pick<Scorecard, 'dimensions'>, noteHeading: string): DocBlock {
  return doc.table(
    ['Dimension', 'Rating', noteHeading],
    DIMENSIONS.map((d) => {
      const score = card.dimensions[d.id];
      return [
        d.label,
        score?.rating ? `${score.rating} · ${ratingLabel(score.rating)}` : 'Not rated',
        score?.note ?? '',
      ];
    }),
  );
}

function soloSections(round: SoloRound, board: Board): DocBlock[] {
  const out: DocBlock[] = [
    doc.heading(2, 'Solo practice'),
    doc.paragraph('A practice round alone: the board played the interviewer, answering the questions asked.'),
  ];
  const asked = round.questions.filter((q) => q.asked);
  const notAsked = round.questions.filter((q) => !q.asked);
  out.push(doc.heading(3, `Clarifying questions asked: ${asked.length} of ${round.questions.length}`));
  out.push(asked.length > 0 ? doc.list(asked.map((q) => [q.question])) : doc.paragraph('None.'));
  if (notAsked.length > 0) out.push(doc.heading(3, 'Not asked'), doc.list(notAsked.map((q) => [q.question])));
  out.push(doc.heading(2, 'Compared with the reference'));
  if (round.reference) {
    const comparison = compareWithReference(board, round.reference);
    out.push(doc.list(describeComparison(comparison).map((line) => [line])));
    out.push(
      doc.table(
        ['SLIC FAST', 'Board', 'Reference'],
        comparison.slicFast.map((s) => [`${s.letter} · ${s.name}`, s.board ? 'yes' : 'no', s.reference ? 'yes' : 'no']),
      ),
    );
  } else {
    out.push(doc.paragraph('The round is not over: the reference shows when it ends.'));
  }
  out.push(doc.heading(2, 'Self-assessment'));
  const level = round.selfAssessment.level ? levelInfo(round.selfAssessment.level) : null;
  out.push(doc.paragraph(doc.strong('Against the level:'), ` ${level?.label ?? 'Not set'}`));
  out.push(dimensionsTable(round.selfAssessment, 'Why'));
  return out;
}

function interviewerSections(copy: InterviewerCopy): DocBlock[] {
  const out: DocBlock[] = [doc.heading(2, "Interviewer's notes")];
  // The app's scorecard reads its notes from the private notes: print them once.
  const notes = nonEmpty(copy.privateNotes) ? copy.privateNotes : copy.scorecard?.notes;
  out.push(nonEmpty(notes) ? doc.text(notes) : doc.paragraph('None.'));
  if (copy.pins && copy.pins.length > 0) {
    out.push(doc.heading(2, 'Evidence'));
    out.push(
      doc.list(
        copy.pins.map((pin) => [
          doc.strong(pin.clock),
          `, ${pin.note}`,
          ...(pin.blocks.length > 0 ? [` (${pin.blocks.join(', ')})`] : []),
          ' · ',
          doc.link('open in the replay', pin.href),
        ]),
      ),
    );
  }
  const card = copy.scorecard;
  if (!card) return out;
  out.push(doc.heading(2, 'Scorecard'));
  const level = card.level ? levelInfo(card.level) : null;
  out.push(doc.paragraph(doc.strong('Target level:'), ` ${level?.label ?? 'Not set'}`));
  out.push(doc.paragraph(doc.strong('Overall:'), ` ${signalLabel(card.overall) || 'Not decided'}`));
  out.push(dimensionsTable(card, 'Note'));
  if (level) {
    out.push(doc.heading(3, `What ${level.label.toLowerCase()} expects`));
    out.push(
      doc.table(
        ['Aspect', 'Expectation'],
        EXPECTATION_ASPECTS.map((a) => [a.label, level.expectations[a.id]]),
      ),
    );
  }
  const comments = copy.comments ?? [];
  const byDimension = DIMENSIONS.map((d) => ({ d, list: comments.filter((c) => c.dimension === d.id) })).filter(
    (x) => x.list.length > 0,
  );
  if (byDimension.length > 0) {
    out.push(doc.heading(3, 'Evidence from comments'));
    out.push(
      doc.list(
        byDimension.map(({ d, list }) => [
          doc.strong(`${d.label}:`),
          ' ',
          ...list.flatMap((c, i) => [...(i > 0 ? ['; '] : []), ...commentItem(c)]),
        ]),
      ),
    );
  }
  const loose = comments.filter((c) => !DIMENSIONS.some((d) => d.id === c.dimension));
  if (loose.length > 0) out.push(doc.heading(3, 'Other private comments'), doc.list(loose.map(commentItem)));
  if (nonEmpty(card.notes) && nonEmpty(copy.privateNotes) && card.notes.trim() !== copy.privateNotes.trim())
    out.push(doc.heading(3, 'Scorecard notes'), doc.text(card.notes));
  return out;
}

/** "Round 2 of a peer practice: previous round, next round", each a link. */
function roundsParagraph(rounds: NonNullable<ReportInput['rounds']>): DocBlock {
  const spans: Span[] = [doc.strong(`Round ${rounds.number}`), ' of a peer practice.'];
  if (rounds.previous)
    spans.push(' Previous round: ', doc.link(`Round ${rounds.previous.number}`, rounds.previous.href), '.');
  if (rounds.next) spans.push(' Next round: ', doc.link(`Round ${rounds.next.number}`, rounds.next.href), '.');
  return doc.paragraph(...spans);
}

/**
 * The report as a document model (what `boardReport` and `reportHtml`
 * render), for a UI that wants to preview it its own way. Reads only the
 * named fields of `input`; private material comes only from `interviewer`.
 */
export function reportDocument(
  input: ReportInput,
  interviewer?: InterviewerCopy,
  { mermaid = true }: { mermaid?: boolean } = {},
): DocBlock[] {
  const { board } = input;
  const requirements = board.requirements;
  const e = input.estimate ?? estimateRequirements(requirements);
  const out: DocBlock[] = [doc.heading(1, nonEmpty(board.title) ? board.title.trim() : 'Untitled board')];
  if (interviewer)
    out.push(
      doc.paragraph(
        doc.strong("Interviewer's copy:"),
        ' it holds the scorecard and private notes. Do not share it with the candidate.',
      ),
    );
  if (nonEmpty(input.date)) out.push(doc.paragraph('Written ', input.date.trim()));
  if (input.rounds) out.push(roundsParagraph(input.rounds));
  if (nonEmpty(requirements?.prompt)) out.push(doc.heading(2, 'Problem'), doc.text(requirements.prompt));
  out.push(...requirementsSection(requirements));
  out.push(...estimateSection(e));
  out.push(...diagramSection(board, input.diagram, mermaid));
  out.push(...notesSection(board));
  if (input.timer) out.push(...timeSection(input.timer));
  // The interviewer decides when the candidate sees the linter: the candidate's copy follows that setting.
  const showFindings =
    input.findings !== null &&
    (interviewer !== undefined || input.solo !== undefined || board.settings?.findingsVisibleToCandidate === true);
  if (showFindings) out.push(...findingsSection(board, input.findings ?? lint(board, { estimate: e })));
  if (input.drills && input.drills.length > 0)
    out.push(...drillsSection(input.drills, input.drillTime ?? ((at) => new Date(at).toISOString())));
  if (input.solo) out.push(...soloSections(input.solo, board));
  if (interviewer) out.push(...interviewerSections(interviewer));
  return out;
}

/**
 * The report as Markdown. Call `boardReport(input)` for the candidate's copy
 * and `boardReport(input, { privateNotes, scorecard })` for the interviewer's.
 */
export function boardReport(input: ReportInput, interviewer?: InterviewerCopy): string {
  return toMarkdown(reportDocument(input, interviewer));
}

/**
 * The report as a printable, self-contained HTML page (no script; open it and
 * print, or save as PDF). Rendered from the same document as the Markdown,
 * not by parsing it, so every piece of text is escaped exactly once for HTML.
 */
export function reportHtml(input: ReportInput, interviewer?: InterviewerCopy): string {
  const title = nonEmpty(input.board.title) ? input.board.title.trim() : 'Untitled board';
  return toHtmlPage(title, reportDocument(input, interviewer, { mermaid: false }));
}
