/**
 * JSON logs through pino. Every line names an `event`; connection lines carry
 * a random connection id and the board id. Never logged: tokens, URLs with
 * their query, IP addresses, user names or anything else about a person.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/** The server's root logger at `level` (LOG_LEVEL; `silent` for tests). */
export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    base: { service: 'archboard' },
    // Last line of defence should a careless field slip in.
    redact: { paths: ['token', '*.token', 'url', '*.url', 'headers', '*.headers', 'ip', '*.ip'], censor: '[redacted]' },
  });
}
