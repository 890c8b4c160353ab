/** Reads a downloaded report zip: its file names and its report.md. */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';

export function readReportZip(path: string): { names: string[]; markdown: string; files: Record<string, Uint8Array> } {
  const files = unzipSync(readFileSync(path));
  return { names: Object.keys(files).sort(), markdown: strFromU8(files['report.md'] ?? new Uint8Array()), files };
}
