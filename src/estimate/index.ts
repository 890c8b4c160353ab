/** The estimator's public API: `estimate(requirements)` and the unit formatters. */
export * from './estimate';
export * from './units';
