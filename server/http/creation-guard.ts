/**
 * Who may create a board: everyone by default, at most
 * BOARD_CREATE_RATE_PER_MINUTE per client address after a burst; with
 * ARCHBOARD_CREATE_TOKEN set, only requests that present that token
 * (`Authorization: Bearer <token>`), so a deployment can keep creation to
 * its own people while every board link keeps working for anyone who has it.
 * In shared mode the budgets are kept in Redis, so the limit is the same
 * whichever process a request reaches; the process's own budgets decide only
 * while Redis cannot answer.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TokenBucket } from '../sync/token-bucket';
import { bearerToken } from './bearer';
import { HttpError } from './responses';

/** The creation limits of one server (src/limits.ts by default). */
export interface CreationLimits {
  ratePerMinute: number;
  burst: number;
  addressesTracked: number;
}

/** A limit that every server process shares (shared mode's Redis): undefined when it cannot say now. */
export interface SharedLimit {
  takeSharedToken(name: string, ratePerSecond: number, burst: number): Promise<boolean | undefined>;
}

/** Checks each POST /api/boards. A 401 there means only: the creation token is missing or wrong (the home page asks for it). */
export class CreationGuard {
  /** Budgets by client address, least recently used first (Map keeps insertion order). */
  private readonly budgets = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: CreationLimits,
    private readonly createToken: string | undefined,
    /** Take the client address from X-Forwarded-For (behind a reverse proxy that sets it). */
    private readonly trustProxy: boolean,
    private readonly shared?: SharedLimit,
  ) {}

  /** Throws HttpError 401 (token missing or wrong) or 429 (over the rate) when this request may not create a board. */
  async check(req: IncomingMessage): Promise<void> {
    if (this.createToken !== undefined && !this.hasToken(req))
      throw new HttpError(401, 'This server lets only its own people create boards: a creation token is required', {
        'WWW-Authenticate': 'Bearer',
      });
    const address = this.addressOf(req);
    const ratePerSecond = this.limits.ratePerMinute / 60;
    const allowed =
      (await this.shared?.takeSharedToken(`create:${address}`, ratePerSecond, this.limits.burst)) ??
      this.takeLocal(address, ratePerSecond);
    if (!allowed) {
      const retryAfter = Math.ceil(60 / this.limits.ratePerMinute);
      throw new HttpError(
        429,
        `Too many new boards from this address: at most ${this.limits.ratePerMinute} a minute; try again in ${retryAfter} s`,
        { 'Retry-After': String(retryAfter) },
      );
    }
  }

  private takeLocal(address: string, ratePerSecond: number): boolean {
    let budget = this.budgets.get(address);
    if (budget) this.budgets.delete(address);
    else budget = new TokenBucket(ratePerSecond, this.limits.burst);
    this.budgets.set(address, budget);
    if (this.budgets.size > this.limits.addressesTracked) this.budgets.delete(this.budgets.keys().next().value!);
    return budget.take();
  }

  private hasToken(req: IncomingMessage): boolean {
    const given = bearerToken(req);
    if (given === undefined) return false;
    const a = Buffer.from(given, 'utf8');
    const b = Buffer.from(this.createToken!, 'utf8');
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private addressOf(req: IncomingMessage): string {
    if (this.trustProxy) {
      // The proxy appends the address it saw; earlier entries are whatever the client claimed.
      const forwarded = String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      const last = forwarded.at(-1);
      if (last) return last;
    }
    return req.socket.remoteAddress ?? 'unknown';
  }
}
