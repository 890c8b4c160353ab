/**
 * The plain board: the shape of board format v1 (see docs/board-format.md).
 * Every field here is document scope: it lives in the board's Y.Doc, is synced
 * and persisted. Nothing in src/board imports React or Yjs.
 */

import type { CommentThread } from './comments';

export const BOARD_FORMAT = 'archboard/v1' as const;

/** Catalog kind id, such as "load-balancer". The catalog lists the known ones. */
export type BlockKind = string;

/** Protocols with a known style; any other text is allowed and drawn as a plain line. */
export const KNOWN_PROTOCOLS = ['http', 'grpc', 'websocket', 'event', 'query', 'replication'] as const;
export type KnownProtocol = (typeof KNOWN_PROTOCOLS)[number];

export interface Block {
  id: string;
  kind: BlockKind;
  /** Position in flow coordinates; relative to the parent group's top-left when `parent` is set. */
  x: number;
  y: number;
  label?: string;
  tech?: string;
  notes?: string;
  width?: number;
  height?: number;
  /** Id of the `group` block this block sits in. */
  parent?: string;
  /** Instances or copies; 1 when absent. */
  replicas?: number;
  /** A provider-run highly available service: never a single point of failure. */
  managed?: boolean;
  /** Overrides the kind's default per-instance capacity, in requests per second. */
  capacityQps?: number;
  /** Overrides the kind's hit ratio (caches, CDNs): the share of reads it answers, 0 to 1. */
  hitRatio?: number;
  /** Overrides a CDN's share of a client's reads (static assets and media), 0 to 1. */
  readShare?: number;
  /** A copy kept only to take over (a hot standby): it serves no reads. */
  standby?: boolean;
  // Drawing kinds (docs/board-format.md, "Drawing"): text, shape, sketch, arrow.
  /** `text`: its size in flow pixels. */
  fontSize?: number;
  /** `shape`: its outline. */
  shape?: 'rectangle' | 'ellipse' | 'diamond';
  /** `sketch` and `arrow`: a flat list [x0, y0, x1, y1, …] relative to the block's x, y. */
  points?: number[];
  /** `sketch`: the pen's pressure at each point, 0 to 1, where the device gave it. */
  pressures?: number[];
  /** `sketch`, `arrow`, `shape`, `text`: a CSS hex colour. */
  color?: string;
  strokeWidth?: number;
  /** `sketch`: drawn translucent and wide, under the ink. */
  highlighter?: boolean;
  /** `arrow`: which ends have a head; `end` when absent. */
  heads?: 'end' | 'both' | 'none';
  /** `arrow`: straight segments through its points, or an elbow (orthogonal) route. */
  route?: 'straight' | 'elbow';
  /** `arrow`: the blocks its first and last points are bound to; they follow those blocks. */
  fromBlock?: string;
  toBlock?: string;
  /** Drawing order within its layer (frames, ink, cards, notes...): higher is drawn above; 0 when absent. */
  z?: number;
  /** Fields added by later versions are kept as they are. */
  [extra: string]: unknown;
}

export interface Link {
  id: string;
  /** `from` calls, sends to or produces for `to`. */
  from: string;
  to: string;
  label?: string;
  protocol?: string;
  async?: boolean;
  /** Each write reaching `from` becomes this many along the link (a tweet written to 200 followers' timelines). */
  fanOut?: number;
  /** Where the label sits along the link: 0 at `from`, 1 at `to`; half way when absent (src/board/link-label.ts). */
  labelAt?: number;
  /** How it runs: a curve between facing sides, or an elbow route around the cards (src/board/link-route.ts); the board's `linkRoute` when absent. */
  route?: 'curved' | 'elbow';
  [extra: string]: unknown;
}

export const FEATURE_FLAGS = ['search', 'media', 'staticContent', 'asyncJobs', 'realtime', 'analytics'] as const;
export type FeatureFlag = (typeof FEATURE_FLAGS)[number];
export type Features = Partial<Record<FeatureFlag, boolean>>;

export const SCALE_FIELDS = [
  'dau',
  'readsPerUserPerDay',
  'writesPerUserPerDay',
  'peakFactor',
  'bytesPerWrite',
  'bytesPerRead',
  'bytesPerUser',
  'retentionYears',
  'replicationFactor',
] as const;
export type ScaleField = (typeof SCALE_FIELDS)[number];
export type Scale = Partial<Record<ScaleField, number>>;

export type Consistency = 'strong' | 'eventual';

export interface Requirements {
  prompt?: string;
  functional?: string[];
  /** What the numbers rest on, stated as the interview material asks ("Always state your assumptions!"). */
  assumptions?: string[];
  features?: Features;
  scale?: Scale;
  latencyP99Ms?: number;
  /** A percentage, such as 99.9 or 99.99. */
  availability?: number;
  consistency?: Consistency;
  [extra: string]: unknown;
}

/** Free-text notes keyed by topic: `api`, `dataModel`, `tradeoffs`. */
export type Notes = Record<string, string>;

/** The `template` field of a file in templates/. */
export interface TemplateInfo {
  id: string;
  difficulty: 'easy' | 'medium' | 'hard';
  summary: string;
  questions: string[];
  reference: { blocks: Block[]; links: Link[]; notes?: Notes };
  [extra: string]: unknown;
}

/** Per-board settings. Document scope: everyone on the board shares them. */
export interface BoardSettings {
  /** Lint rule ids switched off for this board. */
  disabledRules?: string[];
  /** Whether candidates and observers see the linter's findings (the interviewer decides). */
  findingsVisibleToCandidate?: boolean;
  /** How links without a `route` of their own run; curved when absent. */
  linkRoute?: 'curved' | 'elbow';
  [extra: string]: unknown;
}

export interface Board {
  format: typeof BOARD_FORMAT;
  title?: string;
  settings?: BoardSettings;
  requirements?: Requirements;
  blocks: Block[];
  links: Link[];
  notes?: Notes;
  template?: TemplateInfo;
  /** Shared comment threads pinned to blocks, links and points, oldest first (src/board/comments.ts). */
  comments?: CommentThread[];
  [extra: string]: unknown;
}

/** The standard note topics, in the order the notes panel shows them. */
export const NOTE_TOPICS = [
  { id: 'api', label: 'API design' },
  { id: 'dataModel', label: 'Data model' },
  { id: 'tradeoffs', label: 'Trade-offs' },
] as const;

/** A board with nothing on it yet. */
export function emptyBoard(title = 'Untitled board'): Board {
  return { format: BOARD_FORMAT, title, blocks: [], links: [] };
}
