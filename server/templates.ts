/**
 * The template gallery: every `templates/<id>.json` that reads as a board
 * with a `template` field. A file that does not is logged once and skipped;
 * another engineer may be writing one right now, and a bad file must never
 * take the server down. Files are re-read when they change.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseBoardJson } from '../src/board/format';
import type { Board } from '../src/board/types';
import type { Logger } from './logger';

/** Template ids: the file name without `.json`, in the board format's own template-id shape. */
export const TEMPLATE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** What the gallery shows of a template. */
export interface TemplateSummary {
  id: string;
  title: string;
  difficulty: string;
  summary: string;
  prompt: string;
}

type CacheEntry = { mtimeMs: number; size: number; board: Board | null };

/** Reads and caches the templates directory. */
export class TemplateLibrary {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  /** Every valid template, easiest first, then by title. */
  async list(): Promise<TemplateSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const ids = names
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.slice(0, -'.json'.length))
      .filter((id) => TEMPLATE_ID_PATTERN.test(id));
    const summaries: TemplateSummary[] = [];
    for (const id of ids) {
      const summary = await this.summary(id);
      if (summary) summaries.push(summary);
    }
    const rank = (d: string) => ['easy', 'medium', 'hard'].indexOf(d);
    return summaries.sort((a, b) => rank(a.difficulty) - rank(b.difficulty) || a.title.localeCompare(b.title));
  }

  /** What anyone may know of a template (the gallery's card), or undefined when there is none by that id. */
  async summary(id: string): Promise<TemplateSummary | undefined> {
    const board = await this.get(id);
    if (!board?.template) return undefined;
    return {
      id,
      title: board.title ?? id,
      difficulty: board.template.difficulty,
      summary: board.template.summary,
      prompt: board.requirements?.prompt ?? '',
    };
  }

  /** The full template board (reference design included), or undefined when there is no valid template by that id. */
  async get(id: string): Promise<Board | undefined> {
    if (!TEMPLATE_ID_PATTERN.test(id)) return undefined;
    const fileName = `${id}.json`;
    const path = join(this.dir, fileName);
    let info;
    try {
      info = await stat(path);
    } catch {
      return undefined;
    }
    const cached = this.cache.get(id);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.board ?? undefined;
    let board: Board | null;
    try {
      board = parseBoardJson(await readFile(path, 'utf8'), fileName);
      if (!board.template) throw new Error(`${fileName} has no "template" field`);
    } catch (err) {
      board = null;
      this.logger.warn({ event: 'template.invalid', file: fileName, err: (err as Error).message });
    }
    this.cache.set(id, { mtimeMs: info.mtimeMs, size: info.size, board });
    return board ?? undefined;
  }
}
