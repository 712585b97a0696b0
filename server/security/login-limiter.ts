import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract, type RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import type { RateLimits } from '../config.js';

/**
 * Backs off failed logins (passwords, tokens, API keys), per account and per client address,
 * with rate-limiter-flexible. An account gets `accountFreeFailures` failures; after that
 * every failure locks it for `firstLockSeconds`, then twice as long each time, up to
 * `maxBlockSeconds`; a locked account is refused *before* its password is checked, so a right
 * guess during a lock-out tells the attacker nothing. An address that fails `addressFailures` times in the window is blocked
 * for `maxBlockSeconds`, whichever accounts it tried. Success clears the account's record.
 *
 * In memory for one process (PGlite, tests); on PostgreSQL the counters live in its
 * `rate_limits` table (RateLimiterPostgres), so every API node sees the same failures.
 */

type Limiter = RateLimiterAbstract | RateLimiterStoreAbstract;
type LimiterOptions = { keyPrefix: string; points: number; duration: number; blockDuration?: number };

/** Where the counters live: this process, or a PostgreSQL pool shared by every node. */
export function limiterFactory(pool?: Pool): (options: LimiterOptions) => Limiter {
  if (!pool) return (options) => new RateLimiterMemory(options);
  return (options) => new RateLimiterPostgres({ ...options, storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true });
}

export type LimitCheck = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Seconds until `res` allows again, once it has reached `limit` points. */
function blockedFor(res: RateLimiterRes | null, limit: number): number {
  if (!res || res.consumedPoints < limit) return 0;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

export class LoginLimiter {
  readonly #limits: RateLimits;
  readonly #accountFailures: Limiter;
  /** Lock-outs served per account; each one doubles the next. */
  readonly #accountStrikes: Limiter;
  readonly #addressFailures: Limiter;

  constructor(limits: RateLimits, make = limiterFactory()) {
    this.#limits = limits;
    this.#accountFailures = make({ keyPrefix: 'account', points: limits.accountFreeFailures, duration: limits.windowSeconds });
    this.#accountStrikes = make({ keyPrefix: 'strikes', points: 2 ** 31 - 1, duration: limits.windowSeconds + limits.maxBlockSeconds });
    this.#addressFailures = make({ keyPrefix: 'address', points: limits.addressFailures, duration: limits.windowSeconds, blockDuration: limits.maxBlockSeconds });
  }

  /** Whether an attempt from `address` (for `account`, when known) may be checked at all. */
  async check(address: string, account?: string): Promise<LimitCheck> {
    const waits = [blockedFor(await this.#addressFailures.get(address), this.#limits.addressFailures)];
    // An account's free failures are its own to spend; only past them (a lock) does it wait.
    if (account !== undefined) waits.push(blockedFor(await this.#accountFailures.get(account), this.#limits.accountFreeFailures + 1));
    const retryAfterSeconds = Math.max(...waits);
    return retryAfterSeconds > 0 ? { ok: false, retryAfterSeconds } : { ok: true };
  }

  async failed(address: string, account?: string): Promise<void> {
    await this.#addressFailures.consume(address).catch(ignoreLimit);
    if (account === undefined) return;
    const strikes = await this.#accountStrikes.get(account);
    const exceeded = await this.#accountFailures.consume(account).then(
      () => false,
      (error: unknown) => ignoreLimit(error) ?? true,
    );
    if (!exceeded && !strikes) return;
    const strike = await this.#accountStrikes.penalty(account, 1);
    const seconds = Math.min(this.#limits.firstLockSeconds * 2 ** (strike.consumedPoints - 1), this.#limits.maxBlockSeconds);
    await this.#accountFailures.block(account, seconds);
  }

  async succeeded(account: string): Promise<void> {
    await Promise.all([this.#accountFailures.delete(account), this.#accountStrikes.delete(account)]);
  }
}

/** A rejected consume is the limiter saying "over the limit"; anything else is a real error. */
function ignoreLimit(error: unknown): undefined {
  if (error instanceof RateLimiterRes) return undefined;
  throw error;
}
