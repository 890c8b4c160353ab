/**
 * Bit flags the facts pack into typed arrays: one bit per catalog role, and
 * what a flow link carries. Kept apart from facts.ts so the modules facts.ts
 * builds on can use them without an import cycle.
 */
import type { BlockRole } from '../board/catalog';

/** One bit per catalog role: a block's roles are one integer. */
export const ROLE_BITS: Readonly<Record<BlockRole, number>> = {
  client: 1 << 0,
  dns: 1 << 1,
  cdn: 1 << 2,
  balancer: 1 << 3,
  compute: 1 << 4,
  push: 1 << 5,
  cache: 1 << 6,
  datastore: 1 << 7,
  'object-storage': 1 << 8,
  search: 1 << 9,
  queue: 1 << 10,
  analytics: 1 << 11,
  monitoring: 1 << 12,
  'cdn-origin': 1 << 13,
  external: 1 << 14,
  frame: 1 << 15,
  annotation: 1 << 16,
};

/** The bits of several roles. */
export function roleBits(...roles: BlockRole[]): number {
  let mask = 0;
  for (const role of roles) mask |= ROLE_BITS[role];
  return mask;
}

/** A flow link on the request path: someone waits for its answer. */
export const FLOW_SYNC = 1;
/** A flow link that carries reads. */
export const FLOW_READS = 2;
/** A flow link that carries writes. */
export const FLOW_WRITES = 4;
