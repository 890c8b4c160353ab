/** Reads a small JSON request body with a size limit. */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './responses';

/**
 * The parsed JSON body, or undefined for an empty one. Oversized bodies and
 * bad JSON are HttpError 400 (the API's one answer to a bad request body);
 * reading stops at the limit and the rest is discarded.
 */
export function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limitBytes) {
      req.resume();
      reject(tooLarge(limitBytes));
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      received += chunk.length;
      if (received > limitBytes) {
        failed = true;
        reject(tooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (err) => {
      if (!failed) reject(err);
      failed = true;
    });
    req.on('end', () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch (err) {
        reject(new HttpError(400, `The request body is not valid JSON: ${(err as Error).message}`));
      }
    });
  });
}

function tooLarge(limitBytes: number): HttpError {
  return new HttpError(400, `The request body is larger than ${limitBytes} bytes`, { Connection: 'close' });
}
