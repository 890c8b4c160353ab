/**
 * Exports of a board: Mermaid flowchart text and the interview report
 * (Markdown or a printable HTML page). Pure functions of plain data; the UI
 * downloads or copies what they return. See src/interview/README.md.
 */
export { boardToMermaid, mermaidText, type MermaidOptions } from './mermaid';
export { boardToSvg, type SvgOptions } from './svg';
export {
  boardReport,
  reportHtml,
  reportDocument,
  type InterviewerCopy,
  type ReportInput,
  type SoloRound,
} from './report';
export { reportZip, REPORT_FILE, DIAGRAM_PNG, DIAGRAM_SVG, type DiagramFiles } from './report-bundle';
export { isSafeImageSource, type DocBlock, type Inline, type Span } from './document';
