/**
 * The report and Mermaid exports from the open board. The candidate's copy is
 * built without the private document; only the interviewer's adds it.
 */
import type * as Y from 'yjs';
import { boardToMermaid, type InterviewerCopy, type ReportInput, type SoloRound } from '../../export';
import { askedAs, templateAnswers } from '../../interview/answers';

// Loaded with this module when a report is first asked for.
export { boardReport, reportHtml, reportZip } from '../../export';
import type { Board } from '../../board/types';
import type { BoardSnapshot } from '../../sync/board-store';
import type { ControlSnapshot } from '../../sync/control';
import { liveDrillRecord, type DrillRecord } from '../../lint';
import { privateNotesOf, readPrivateComments, readPrivateScorecard } from '../../sync/private-doc';
import { blockName } from '../../board/catalog';
import type { CommentAnchor } from '../../board/comments';
import { timerView } from '../../interview/timer';
import { pinClock } from '../replay/moment';
import { readPins } from '../../sync/history-actions';
import { useLint } from '../lint/lint-store';
import { serverNow } from '../interview/useServerClock';

/** The drills the interviewer kept: those that ended kept, and the live one when it is kept. */
function keptDrills(board: Board, control: ControlSnapshot): DrillRecord[] {
  const { down, keep, kept } = control.drill;
  const live = keep ? liveDrillRecord(board, down, down[0]?.by ?? '') : null;
  return live ? [...kept, live] : kept;
}

/**
 * What a solo round adds to its report: the questions asked and not, the
 * reference once the round is over (never before: it stays hidden until the
 * end), and the self-assessment from the private document.
 */
export function soloRound(snapshot: BoardSnapshot, template: Board, privateDoc: Y.Doc): SoloRound {
  const answers = templateAnswers(template.template?.questions ?? [], template.requirements ?? {});
  const { dimensions, level } = readPrivateScorecard(privateDoc);
  return {
    questions: answers.map((a) => ({ question: askedAs(a.question), asked: snapshot.control.revealed.has(a.index) })),
    ...(snapshot.timer.finished && template.template ? { reference: template.template.reference } : {}),
    selfAssessment: { dimensions, level },
  };
}

/** Everything the report shows from the shared board and the control document, with the diagram picture given. */
export function reportInput(
  snapshot: BoardSnapshot,
  control: ControlSnapshot,
  diagram: string | null,
  solo?: SoloRound,
): ReportInput {
  const { findings, estimate } = useLint.getState();
  const drills = keptDrills(snapshot.board, control);
  return {
    ...(drills.length > 0 ? { drills, drillTime: (at: number) => new Date(at).toLocaleTimeString() } : {}),
    board: snapshot.board,
    ...(estimate ? { estimate } : {}),
    findings,
    timer: timerView(snapshot.timer, serverNow()),
    ...(diagram ? { diagram: { src: diagram, alt: 'The design' } } : {}),
    date: new Date().toLocaleString(),
    ...(solo ? { solo } : {}),
  };
}

/** The interviewer's private material, from the private document; each pin links to the replay at its moment. */
/** What a comment is pinned to, in words, on `board`. */
function anchorText(anchor: CommentAnchor, board: Board): string {
  const block = (id: string) => {
    const b = board.blocks.find((x) => x.id === id);
    return b ? blockName(b) : 'a deleted block';
  };
  if (anchor.kind === 'block') return block(anchor.id);
  if (anchor.kind === 'point') return 'the canvas';
  const link = board.links.find((l) => l.id === anchor.id);
  return link ? `${block(link.from)} → ${block(link.to)}` : 'a deleted link';
}

export function interviewerCopy(
  privateDoc: Y.Doc,
  board: { id: string; token: string },
  content: Board,
): InterviewerCopy {
  const pins = readPins(privateDoc).map((pin) => ({
    clock: pinClock(pin),
    note: pin.note,
    blocks: pin.blocks,
    href: `${location.origin}/b/${encodeURIComponent(board.id)}#token=${board.token}&replay=${Math.round(pin.t)}`,
  }));
  return {
    privateNotes: privateNotesOf(privateDoc).toString(),
    scorecard: readPrivateScorecard(privateDoc),
    pins,
    comments: readPrivateComments(privateDoc).map((t) => ({
      text: t.text,
      on: anchorText(t.anchor, content),
      dimension: t.dimension ?? null,
      replies: t.replies.map((r) => `${r.author.name}: ${r.text}`),
      resolved: t.resolved,
    })),
  };
}

/** An SVG document as a base64 data URL (the form isSafeImageSource lets into a page). */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

export function mermaidOf(board: Board): string {
  return boardToMermaid(board);
}

export { mermaidLimitWarnings } from '../../export/mermaid';
