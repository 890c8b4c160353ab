/** How deeply a JSON-like value nests, measured without recursion so that a hostile value cannot overflow the stack. */
import { MAX_NESTING_DEPTH } from '../limits';

/**
 * Levels of arrays and objects in a value: 0 for a scalar, 1 for `{}` or
 * `[1]`, 2 for `{ a: [] }`. Stops counting once past MAX_NESTING_DEPTH (the
 * answer is then only known to be too deep).
 */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > MAX_NESTING_DEPTH) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, level]);
  }
  return deepest;
}
