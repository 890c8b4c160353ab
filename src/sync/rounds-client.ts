/**
 * The client's side of peer rounds (server/README.md, "Peer rounds"): start
 * the next round, ask for one's own link to the previous or next round, pick
 * the problem of a round. Every answer is validated here, once.
 */
import { z } from 'zod';
import { PARTICIPANT_ROLES } from '../protocol/roles';

const PAGE_LINK = /^\/b\/[A-Za-z0-9_-]{6,64}#token=[A-Za-z0-9_-]+$/;

const RoundLinkSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{6,64}$/),
  number: z.number().int().min(1),
  role: z.enum(PARTICIPANT_ROLES),
  link: z.string().regex(PAGE_LINK),
  /** The round's observer link: what a report links to. */
  view: z.string().regex(PAGE_LINK),
});
const RoundsSchema = z.object({
  number: z.number().int().min(1),
  previous: RoundLinkSchema.optional(),
  next: RoundLinkSchema.optional(),
});

/** This person's way into another round: its board, number, their role there and their own link. */
export type RoundLink = z.infer<typeof RoundLinkSchema>;
/** A board's place among the rounds, with this person's links to its neighbours. */
export type RoundsView = z.infer<typeof RoundsSchema>;

async function call(method: 'GET' | 'POST', path: string, token: string, body?: object): Promise<unknown> {
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw new Error(text.trim() || `the server answered ${response.status}`);
  }
  return response.json();
}

function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new Error(`the server's answer is not what was expected: ${result.error.issues[0]?.message}`);
  return result.data;
}

const boardPath = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

/** Starts the next round (interviewer only); resolves to this person's own link there. */
export async function startNextRound(id: string, token: string): Promise<RoundLink> {
  return parsed(RoundLinkSchema, await call('POST', `${boardPath(id)}/next-round`, token, {}));
}

/** This person's links to the previous and next rounds of a board. */
export async function fetchRounds(id: string, token: string): Promise<RoundsView> {
  return parsed(RoundsSchema, await call('GET', `${boardPath(id)}/rounds`, token));
}

/** Gives a board without a problem the template's (interviewer only). */
export async function pickProblem(id: string, token: string, template: string): Promise<void> {
  await call('POST', `${boardPath(id)}/template`, token, { template });
}

/** A board's neighbouring rounds as a report links them (their observer links, absolute), or undefined when it has none. */
export async function reportRounds(
  id: string,
  token: string,
  origin: string,
): Promise<{ number: number; previous?: ReportRound; next?: ReportRound } | undefined> {
  const rounds = await fetchRounds(id, token);
  if (!rounds.previous && !rounds.next) return undefined;
  const of = (r: RoundLink): ReportRound => ({ number: r.number, href: new URL(r.view, origin).toString() });
  return {
    number: rounds.number,
    ...(rounds.previous ? { previous: of(rounds.previous) } : {}),
    ...(rounds.next ? { next: of(rounds.next) } : {}),
  };
}

/** Another round as a report links it. */
export interface ReportRound {
  number: number;
  href: string;
}
