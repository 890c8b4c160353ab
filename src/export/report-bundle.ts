/**
 * The report as one download that keeps the diagram beside the Markdown: a
 * zip of `report.md`, `diagram.png` and `diagram.svg`, the Markdown pointing
 * at `diagram.png` by its file name, so no viewer has to decode a picture
 * pasted into the text as base64. fflate (already the draw.io importer's
 * inflater) writes the archive; the pictures are compressed already, so
 * they are stored, and the Markdown deflated.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { boardReport, type InterviewerCopy, type ReportInput } from './report';

export const REPORT_FILE = 'report.md';
export const DIAGRAM_PNG = 'diagram.png';
export const DIAGRAM_SVG = 'diagram.svg';

export interface DiagramFiles {
  /** The picture as on screen; when the browser could not take it, the Markdown points at the SVG. */
  png?: Uint8Array;
  /** The SVG document's text. */
  svg: string;
}

/**
 * The zip's bytes. Without `diagram` (an empty board, or a browser that
 * could not draw it) the archive holds the Markdown alone, whose Mermaid
 * text still describes the diagram.
 */
export function reportZip(
  input: Omit<ReportInput, 'diagram'>,
  diagram: DiagramFiles | null,
  interviewer?: InterviewerCopy,
  alt = 'The design',
): Uint8Array {
  const src = diagram?.png ? DIAGRAM_PNG : DIAGRAM_SVG;
  const markdown = boardReport(diagram ? { ...input, diagram: { src, alt } } : input, interviewer);
  const files: Zippable = { [REPORT_FILE]: [strToU8(markdown), { level: 6 }] };
  if (diagram?.png) files[DIAGRAM_PNG] = [diagram.png, { level: 0 }];
  if (diagram) files[DIAGRAM_SVG] = [strToU8(diagram.svg), { level: 6 }];
  return zipSync(files);
}
