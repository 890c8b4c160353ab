/** Commands that take the board out: pictures, the board file, Mermaid, the report. */
import { useMemo } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { BoardNode } from '../../../sync/flow-binding';
import { useBoard } from '../board-context';
import { showError, showInfo } from '../../common/toast-store';
import { downloadBlob, fileNameFor } from '../../export/download';
import { fetchTemplate } from '../../interview/useTemplate';
import { reportRounds } from '../../../sync/rounds-client';
import type { ReportInput } from '../../../export/report';

// File writing (zod), picture export (html-to-image) and the report load when first used, not with the board.
const loadFormat = () => import('../../../board/format');
const loadPictures = () => import('../../export/png');
const loadReports = () => import('../../export/report');
const loadSvg = () => import('../../../export/svg');

export interface ExportCommands {
  exportPng: () => Promise<void>;
  exportSvg: () => Promise<void>;
  exportJson: () => Promise<void>;
  exportMermaid: () => Promise<void>;
  copyMermaid: () => Promise<void>;
  /**
   * The report, for the candidate or (with the scorecard and private notes) for the interviewer;
   * `solo`: a solo round's own, with the questions asked, the reference and the self-assessment.
   */
  exportReport: (copy: 'candidate' | 'interviewer' | 'solo', format: 'markdown' | 'print') => Promise<void>;
}

const background = () =>
  getComputedStyle(document.documentElement).getPropertyValue('--ab-canvas-bg').trim() || '#ffffff';

export function useExportCommands(): ExportCommands {
  const { id, token, store, privateDoc, control } = useBoard();
  const flow = useReactFlow<BoardNode>();
  return useMemo(() => {
    const title = () => store.getState().title;
    const diagramBounds = () => {
      const nodes = flow.getNodes();
      return nodes.length === 0 ? null : flow.getNodesBounds(nodes);
    };
    /** A native SVG drawn from the board, at the sizes the cards have on screen. */
    const boardSvg = async () => {
      const { boardToSvg } = await loadSvg();
      const sizes = new Map<string, { width: number; height: number }>();
      for (const node of flow.getNodes())
        if (node.measured?.width && node.measured.height)
          sizes.set(node.id, { width: node.measured.width, height: node.measured.height });
      return boardToSvg(store.getBoard(), { sizes });
    };
    const picture = async (format: 'png' | 'svg') => {
      const bounds = diagramBounds();
      if (!bounds) return showError('Nothing to export yet: the board is empty.');
      try {
        if (format === 'svg') {
          const svg = await boardSvg();
          downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), fileNameFor(title(), 'svg'));
          return;
        }
        const { dataUrlToBlob, diagramToPng } = await loadPictures();
        downloadBlob(await dataUrlToBlob(await diagramToPng(bounds, background())), fileNameFor(title(), format));
      } catch (err) {
        showError(`${format.toUpperCase()} export failed: ${(err as Error).message}`);
      }
    };
    return {
      exportPng: () => picture('png'),
      exportSvg: () => picture('svg'),
      exportJson: async () => {
        const { writeBoard } = await loadFormat();
        const board = store.getBoard();
        downloadBlob(new Blob([writeBoard(board)], { type: 'application/json' }), fileNameFor(board.title, 'json'));
        showInfo(`Exported ${board.blocks.length} blocks and ${board.links.length} links.`);
      },
      exportMermaid: async () => {
        const { mermaidOf, mermaidLimitWarnings } = await loadReports();
        const text = mermaidOf(store.getBoard());
        downloadBlob(new Blob([text], { type: 'text/plain' }), fileNameFor(title(), 'mmd'));
        // A board past Mermaid's default limits: say which setting the site that draws it must raise.
        for (const warning of mermaidLimitWarnings(text)) showInfo(`Mermaid: ${warning}`);
      },
      copyMermaid: async () => {
        const { mermaidOf, mermaidLimitWarnings } = await loadReports();
        try {
          const text = mermaidOf(store.getBoard());
          await navigator.clipboard.writeText(text);
          const warnings = mermaidLimitWarnings(text);
          showInfo(
            warnings.length > 0
              ? `Mermaid text copied. ${warnings.join(' ')}`
              : 'Mermaid text copied: paste it into a Markdown file or mermaid.live.',
          );
        } catch {
          showError('The browser did not allow copying; download the Mermaid file instead.');
        }
      },
      exportReport: async (copy, format) => {
        const reports = await loadReports();
        const bounds = diagramBounds();
        const privateMaterial =
          copy === 'interviewer' && privateDoc
            ? reports.interviewerCopy(privateDoc.synced.doc, { id, token }, store.getBoard())
            : undefined;
        let solo;
        const templateId = store.getState().templateId;
        if (copy === 'solo' && privateDoc && templateId) {
          try {
            solo = reports.soloRound(
              store.getState(),
              await fetchTemplate(id, token, templateId),
              privateDoc.synced.doc,
            );
          } catch (err) {
            return showError(`The report needs the template, which could not be loaded: ${(err as Error).message}.`);
          }
        }
        // Peer rounds: the reports of neighbouring rounds link each other (never fatal to the report).
        const rounds = store.getState().control.controls.rounds;
        const roundLinks =
          rounds.previous || rounds.next
            ? await reportRounds(id, token, window.location.origin).catch(() => undefined)
            : undefined;
        const withRounds = (input: ReportInput): ReportInput => (roundLinks ? { ...input, rounds: roundLinks } : input);
        const name = `${title() ?? 'board'} report${privateMaterial ? '-interviewer' : solo ? '-practice' : ''}`;
        // The diagram drawn from the board (pure, vector): printed as it is, and diagram.svg in the zip.
        const svg = bounds ? await boardSvg() : null;
        if (format === 'markdown') {
          // report.md beside diagram.png and diagram.svg, in one zip: the picture is a file, not base64 in the text.
          let png: Uint8Array | undefined;
          try {
            const { dataUrlToBlob, diagramToPng } = await loadPictures();
            if (bounds)
              png = new Uint8Array(await (await dataUrlToBlob(await diagramToPng(bounds, background()))).arrayBuffer());
          } catch {
            png = undefined; // the zip still has diagram.svg, and report.md points at it
          }
          const zip = reports.reportZip(
            withRounds(reports.reportInput(store.getState(), control.store.getState(), null, solo)),
            svg ? { svg, ...(png ? { png } : {}) } : null,
            privateMaterial,
          );
          downloadBlob(
            new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
            fileNameFor(name, 'zip'),
          );
          return;
        }
        const picture = svg ? reports.svgDataUrl(svg) : null;
        const html = reports.reportHtml(
          withRounds(reports.reportInput(store.getState(), control.store.getState(), picture, solo)),
          privateMaterial,
        );
        const url = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
        if (!window.open(url, '_blank')) downloadBlob(await (await fetch(url)).blob(), fileNameFor(name, 'html'));
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      },
    };
  }, [control, flow, id, privateDoc, store, token]);
}
