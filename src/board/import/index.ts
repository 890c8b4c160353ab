/**
 * One entry for every format the board imports: its own JSON, Mermaid
 * flowcharts, Excalidraw scenes and clipboard JSON, draw.io files, and the
 * first flowchart of a Markdown file. The app's import, drop and paste and the
 * command line all come through `importDiagram`.
 */
import { BoardFormatError, readBoard } from '../format';
import { BOARD_FORMAT } from '../types';
import { MAX_BOARD_FILE_BYTES } from '../../limits';
import { ImportError, type ImportFormat, type ImportResult } from './build';
import { importDrawio, isDrawio, type DrawioOptions } from './drawio';
import { importExcalidraw, isExcalidraw } from './excalidraw';
import { mermaidBlocks } from './markdown';
import { importMermaid, isMermaidFlowchart } from './mermaid';

export { ImportError, importSummary, type ImportReport, type ImportResult, type ImportFormat } from './build';

/** The format of a file, from its content first and its name where the content does not say. */
export function detectFormat(text: string, fileName = ''): ImportFormat | 'markdown' | undefined {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      if (isExcalidraw(value)) return 'excalidraw';
      if (value && typeof value === 'object' && (value as { format?: unknown }).format === BOARD_FORMAT)
        return 'archboard';
    } catch {
      // Broken JSON (a truncated download): the reader of the format it claims names the JSON error.
      if (/\.excalidraw$/i.test(fileName) || /^\{\s*"type"\s*:\s*"excalidraw"/.test(trimmed)) return 'excalidraw';
      return /\.json$/i.test(fileName) ? 'archboard' : undefined;
    }
    return /\.excalidraw$/i.test(fileName) ? 'excalidraw' : /\.json$/i.test(fileName) ? 'archboard' : undefined;
  }
  if (isDrawio(text) || /^%3C(mxfile|mxGraphModel)/i.test(trimmed)) return 'drawio';
  if (/\.(md|markdown)$/i.test(fileName)) return 'markdown';
  if (isMermaidFlowchart(text)) return 'mermaid';
  if (/\.(mmd|mermaid)$/i.test(fileName)) return 'mermaid';
  if (/^```mermaid/m.test(text)) return 'markdown';
  return undefined;
}

export type ImportOptions = DrawioOptions;

/**
 * Any supported diagram as a board, with what the import inferred. Throws
 * ImportError (or BoardFormatError for a bad board file) with a message that
 * names the file and the problem; nothing is half-imported.
 */
export function importDiagram(text: string, fileName?: string, options: ImportOptions = {}): ImportResult {
  const name = fileName ?? 'The text';
  if (text.length > MAX_BOARD_FILE_BYTES)
    throw new ImportError(`${name} is larger than ${MAX_BOARD_FILE_BYTES / 1024 / 1024} MB`);
  const format = detectFormat(text, fileName);
  switch (format) {
    case 'archboard': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new BoardFormatError([{ path: '', message: `not JSON (${(err as Error).message})` }], fileName);
      }
      const board = readBoard(value, fileName);
      const counted = board.blocks.length;
      return {
        board,
        report: {
          format: 'archboard',
          blocks: counted,
          recognised: counted,
          shapes: 0,
          links: board.links.length,
          groups: 0,
          drawings: 0,
          warnings: [],
        },
      };
    }
    case 'excalidraw': {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new ImportError(`${name} is not valid JSON, perhaps cut short (${(err as Error).message})`);
      }
      return importExcalidraw(value, fileName);
    }
    case 'drawio':
      return importDrawio(/^%3C/i.test(text.trimStart()) ? decodeURIComponent(text.trim()) : text, fileName, options);
    case 'mermaid':
      return importMermaid(text, fileName);
    case 'markdown': {
      const first = mermaidBlocks(text)[0];
      if (!first) throw new ImportError(`${name} has no \`\`\`mermaid flowchart block`);
      return importMermaid(first.source, fileName);
    }
    default:
      throw new ImportError(
        `${name} is not a format Archboard imports: a board (.json), Mermaid (.mmd), Excalidraw (.excalidraw) or draw.io (.drawio, .xml) file`,
      );
  }
}
