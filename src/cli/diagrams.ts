/**
 * The diagrams of one file, as boards the command line can lint, render and
 * export: a board file as it is; a Mermaid, Excalidraw or draw.io file
 * imported; a Markdown file's every ```mermaid flowchart block, each with the
 * line it starts on. Requirements for the files that are not boards come from
 * `--requirements FILE`, else the Markdown front matter's `requirements`, else
 * a sidecar `<name>.requirements.json` beside the file (docs/board-format.md).
 */
import { basename, dirname, extname, join } from 'node:path';
import { BoardFormatError, readBoard } from '../board/format';
import { detectFormat, importDiagram, ImportError } from '../board/import';
import { frontMatter, mermaidBlocks } from '../board/import/markdown';
import { importMermaid } from '../board/import/mermaid';
import { BOARD_FORMAT, type Board, type BoardSettings, type Requirements } from '../board/types';

/** How the command line reads files. */
export interface FileReader {
  readFile(path: string): string;
}

/** One diagram of a file. */
export interface Diagram {
  file: string;
  /** 1-based line the diagram starts on: a Markdown block's first chart line; absent for a whole file. */
  line?: number;
  board: Board;
  /** The file was an archboard/v1 board (its requirements are its own). */
  isBoard: boolean;
  /** A board file's text, to find the lines its blocks are on. */
  text?: string;
  /** What the import could not carry over. */
  notes: string[];
}

/** A file that could not be read or made into boards: the message names the file (and line). */
export class DiagramError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'DiagramError';
  }
}

interface RequirementsSource {
  requirements?: Requirements;
  settings?: BoardSettings;
  title?: string;
}

function readText(io: FileReader, file: string): string {
  try {
    return io.readFile(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new DiagramError(`cannot read ${file}: ${reason}`, file);
  }
}

/**
 * Requirements as a board file holds them, validated by the board format: an
 * object with `requirements` (and optionally `settings`, `title`), or the
 * requirements object itself.
 */
export function requirementsFrom(value: unknown, from: string): RequirementsSource {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new DiagramError(`${from}: the requirements should be an object`, from);
  const record = value as Record<string, unknown>;
  const wrapped = 'requirements' in record;
  const candidate = {
    format: BOARD_FORMAT,
    blocks: [],
    links: [],
    requirements: wrapped ? record.requirements : record,
    ...(wrapped && record.settings !== undefined ? { settings: record.settings } : {}),
    ...(wrapped && typeof record.title === 'string' ? { title: record.title } : {}),
  };
  try {
    const board = readBoard(candidate, from);
    return { requirements: board.requirements, settings: board.settings, title: board.title };
  } catch (err) {
    if (err instanceof BoardFormatError)
      throw new DiagramError(err.message.replace(' is not a valid board', ' has invalid requirements'), from);
    throw err;
  }
}

function requirementsFile(io: FileReader, path: string): RequirementsSource {
  const text = readText(io, path);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new DiagramError(`${path} is not JSON (${(err as Error).message})`, path);
  }
  return requirementsFrom(value, path);
}

/** `docs/arch.mmd` → `docs/arch.requirements.json`. */
export function sidecarPath(file: string): string {
  const ext = extname(file);
  return join(dirname(file), `${basename(file, ext)}.requirements.json`);
}

function sidecar(io: FileReader, file: string): RequirementsSource | undefined {
  const path = sidecarPath(file);
  let text: string;
  try {
    text = io.readFile(path);
  } catch {
    return undefined; // no sidecar: the diagram is linted without requirements
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new DiagramError(`${path} is not JSON (${(err as Error).message})`, path);
  }
  return requirementsFrom(value, path);
}

function withRequirements(board: Board, source: RequirementsSource | undefined): Board {
  if (!source) return board;
  return {
    ...board,
    ...(source.requirements ? { requirements: source.requirements } : {}),
    ...(source.settings ? { settings: { ...board.settings, ...source.settings } } : {}),
    ...(source.title && !board.title ? { title: source.title } : {}),
  };
}

/** Import errors of a Markdown block speak of lines inside the block; the file's lines read better. */
function fileLines(message: string, blockLine: number): string {
  return message.replace(/\bline (\d+)\b/g, (_, n: string) => `line ${blockLine - 1 + Number(n)}`);
}

function failure(err: unknown, file: string, line?: number): DiagramError {
  if (err instanceof DiagramError) return err;
  if (err instanceof ImportError || err instanceof BoardFormatError) {
    const message = line === undefined ? err.message : fileLines(err.message, line);
    return new DiagramError(message.includes(file) ? message : `${file}: ${message}`, file, line);
  }
  if (err instanceof SyntaxError) return new DiagramError(`${file} is not valid JSON (${err.message})`, file, line);
  throw err;
}

/**
 * Every diagram of a file. Throws DiagramError when the file, a block of it
 * or its requirements cannot be read; a Markdown file without a flowchart
 * block has no diagrams.
 */
export function loadDiagrams(io: FileReader, file: string, requirementsPath?: string): Diagram[] {
  const text = readText(io, file);
  const format = detectFormat(text, file);
  const explicit = requirementsPath !== undefined ? requirementsFile(io, requirementsPath) : undefined;
  if (format === 'markdown') {
    let front: unknown;
    try {
      front = frontMatter(text);
    } catch (err) {
      throw new DiagramError(`${file}: its front matter is not YAML (${(err as Error).message})`, file, 1);
    }
    const fromFront =
      front && typeof front === 'object' && 'requirements' in front
        ? requirementsFrom(front, `${file} (front matter)`)
        : undefined;
    const source = explicit ?? fromFront ?? sidecar(io, file);
    return mermaidBlocks(text).map((block) => {
      try {
        const { board, report } = importMermaid(block.source, `${file}:${block.line}`);
        return {
          file,
          line: block.line,
          board: withRequirements(board, source),
          isBoard: false,
          notes: report.warnings.map((w) => fileLines(w, block.line)),
        };
      } catch (err) {
        throw failure(err, file, block.line);
      }
    });
  }
  let result;
  try {
    result = importDiagram(text, file);
  } catch (err) {
    throw failure(err, file);
  }
  if (format === 'archboard') return [{ file, board: result.board, isBoard: true, text, notes: [] }];
  const source = explicit ?? sidecar(io, file);
  return [
    {
      file,
      board: withRequirements(result.board, source),
      isBoard: false,
      notes: result.report.warnings,
    },
  ];
}

/** The line a finding about some blocks points at: the diagram's own, else where a board file names the first block. */
export function findingLine(diagram: Diagram, blocks: readonly string[]): number {
  if (diagram.line !== undefined) return diagram.line;
  const text = diagram.text;
  if (text !== undefined && blocks.length > 0) {
    const id = JSON.stringify(blocks[0]);
    const at = text.search(new RegExp(`"id"\\s*:\\s*${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    if (at !== -1) return text.slice(0, at).split('\n').length;
  }
  return 1;
}
