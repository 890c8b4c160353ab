/**
 * JSON logs through pino. Every line names an `event` and has a `msg` (the
 * event itself when the call gave no message); connection lines carry
 * a random connection id and the board id. Never logged: tokens, URLs with
 * their query, IP addresses, user names or anything else about a person.
 */
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** The server's root logger at `level` (LOG_LEVEL; `silent` for tests), to stdout unless given a destination. */
export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'archboard' },
    hooks: {
      // Log shippers look for `msg`: a line logged as just an object gets its event as its message.
      logMethod(args, method) {
        const [first] = args;
        if (args.length === 1 && typeof first === 'object' && first !== null) {
          const event = (first as { event?: unknown }).event;
          return method.apply(this, [first, typeof event === 'string' ? event : 'log']);
        }
        return method.apply(this, args);
      },
    },
    // Last line of defence should a careless field slip in.
    redact: { paths: ['token', '*.token', 'url', '*.url', 'headers', '*.headers', 'ip', '*.ip'], censor: '[redacted]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
