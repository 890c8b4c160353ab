/**
 * The production bundle (`dist/`): files as they are, `/assets/*` cached for
 * a year (Vite puts a content hash in their names), and index.html for `/`,
 * `/b/<id>` and every other page route so the client-side router takes over.
 * Every answer carries the security headers; source maps (the full source)
 * are served only when the deployment asks for them.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { sendText } from './responses';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** How StaticFiles answers. */
export interface StaticFilesOptions {
  /** Sent with every file (security-headers.ts). */
  headers: Record<string, string>;
  /** Serve `*.map` files (ARCHBOARD_SOURCE_MAPS=1); a 404 otherwise. */
  serveSourceMaps: boolean;
}

/** Serves one directory of built files. */
export class StaticFiles {
  constructor(
    private readonly dir: string,
    private readonly options: StaticFilesOptions,
  ) {}

  /** Answers a GET or HEAD for `pathname` (already without the query). */
  async serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    if (!this.options.serveSourceMaps && pathname.endsWith('.map'))
      return sendText(res, 404, 'Not found', this.options.headers);
    const file = await this.existingFile(pathname);
    if (file) return this.send(req, res, file, cacheControlFor(pathname));
    // A missing asset or file is a 404, not a page: a browser must not run HTML as a script.
    if (pathname.startsWith('/assets/') || extname(pathname) !== '')
      return sendText(res, 404, 'Not found', this.options.headers);
    const index = join(this.dir, 'index.html');
    if (!(await isFile(index)))
      return sendText(
        res,
        503,
        'The app is not built: run `npm run build` (npm start does it for you).',
        this.options.headers,
      );
    // The page must be revalidated so a new deploy's asset names are picked up.
    return this.send(req, res, index, 'no-cache');
  }

  private async existingFile(pathname: string): Promise<string | undefined> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    if (decoded.includes('\0') || decoded === '/' || decoded.endsWith('/')) return undefined;
    const path = normalize(join(this.dir, decoded));
    // Never outside dist/, whatever `..` the path holds.
    if (!path.startsWith(this.dir.endsWith(sep) ? this.dir : this.dir + sep)) return undefined;
    return (await isFile(path)) ? path : undefined;
  }

  private send(req: IncomingMessage, res: ServerResponse, path: string, cacheControl: string): Promise<void> {
    return stat(path).then(
      (info) =>
        new Promise<void>((resolve) => {
          res.writeHead(200, {
            'Content-Type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
            'Content-Length': info.size,
            'Cache-Control': cacheControl,
            'Last-Modified': info.mtime.toUTCString(),
            ...this.options.headers,
          });
          if (req.method === 'HEAD') {
            res.end();
            return resolve();
          }
          const stream = createReadStream(path);
          stream.on('error', () => res.destroy());
          stream.on('close', () => resolve());
          stream.pipe(res);
        }),
    );
  }
}

function cacheControlFor(pathname: string): string {
  if (pathname.startsWith('/assets/')) return IMMUTABLE;
  if (pathname.endsWith('.html')) return 'no-cache';
  return 'public, max-age=3600';
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
