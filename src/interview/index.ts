/**
 * Interview mode's pure core: the 8 steps and their budgets, the shared timer,
 * the server clock offset, the scorecard data and the comparison with a
 * template's reference. No React, no Yjs, no clock reads: time comes in as an
 * argument. See README.md in this folder.
 */
export * from './phases';
export * from './timer';
export * from './clock';
export * from './scorecard';
export * from './compare';
