/**
 * A token bucket kept in Redis, so a limit holds across every server process
 * (shared mode's board-creation limit per client address). One Lua script
 * refills and takes atomically on Redis's own clock, the same for every
 * process; the key expires once the bucket would be full again, so Redis
 * tracks only the addresses that created boards lately.
 */
import type { Redis } from 'ioredis';

const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local perMs = tonumber(ARGV[1]) / 1000
local burst = tonumber(ARGV[2])
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(saved[1]) or burst
local at = tonumber(saved[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * perMs)
local taken = 0
if tokens >= 1 then
  tokens = tokens - 1
  taken = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / perMs) + 1000)
return taken`;

/** Takes one token from the bucket at `key` (`ratePerSecond` sustained, `burst` at once): whether there was one. Rejects when Redis does not answer. */
export async function takeRedisToken(
  redis: Redis,
  key: string,
  ratePerSecond: number,
  burst: number,
): Promise<boolean> {
  return (await redis.eval(TAKE_SCRIPT, 1, key, ratePerSecond, burst)) === 1;
}
