/**
 * What the session API must remember to make tokens single-use and sessions revocable:
 * the ids of login tokens already exchanged (until they expire) and the live sessions with
 * the one renew token each may present next. An interface, so the "Tenants and
 * administration" store can keep the same state in PGlite/PostgreSQL for several API nodes;
 * this in-memory version serves one process.
 */

export interface SessionRecord {
  id: string;
  /** The tenant the agent belongs to (absent for the development directory). */
  tenantId?: string;
  userId: string;
  extension: string;
  displayName: string;
  /** When the agent logged in (seconds); renewals never extend past `authTime + maxSession`. */
  authTime: number;
  /** The `jti` of the only renew token that may be presented next. */
  renewJti: string;
  /** Seconds since epoch after which the record may be forgotten. */
  expiresAt: number;
  revoked: boolean;
}

export interface SessionStore {
  /** Records a login token as used; false when it had been used before. */
  useToken(jti: string, expiresAt: number): Promise<boolean>;
  createSession(record: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /** Moves a session to its next renew token if `expectedJti` is still its current one. */
  rotateRenewToken(id: string, expectedJti: string, nextJti: string): Promise<boolean>;
  revokeSession(id: string): Promise<void>;
}

/** Sweep expired entries after this many writes, so memory follows the live state. */
const SWEEP_EVERY = 500;

export class MemorySessionStore implements SessionStore {
  readonly #usedTokens = new Map<string, number>();
  readonly #sessions = new Map<string, SessionRecord>();
  #writes = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async useToken(jti: string, expiresAt: number): Promise<boolean> {
    this.#wrote();
    if (this.#usedTokens.has(jti)) return false;
    this.#usedTokens.set(jti, expiresAt);
    return true;
  }

  async createSession(record: SessionRecord): Promise<void> {
    this.#wrote();
    this.#sessions.set(record.id, { ...record });
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const record = this.#sessions.get(id);
    return record && record.expiresAt * 1000 > this.now() ? { ...record } : undefined;
  }

  async rotateRenewToken(id: string, expectedJti: string, nextJti: string): Promise<boolean> {
    this.#wrote();
    const record = this.#sessions.get(id);
    if (!record || record.revoked || record.renewJti !== expectedJti) return false;
    record.renewJti = nextJti;
    return true;
  }

  async revokeSession(id: string): Promise<void> {
    this.#wrote();
    const record = this.#sessions.get(id);
    if (record) record.revoked = true;
  }

  /** Entries held, for tests that check memory stays bounded. */
  get size(): number {
    return this.#usedTokens.size + this.#sessions.size;
  }

  #wrote(): void {
    this.#writes += 1;
    if (this.#writes % SWEEP_EVERY !== 0) return;
    const nowSeconds = this.now() / 1000;
    for (const [jti, expiresAt] of this.#usedTokens) if (expiresAt <= nowSeconds) this.#usedTokens.delete(jti);
    for (const [id, record] of this.#sessions) if (record.expiresAt <= nowSeconds) this.#sessions.delete(id);
  }
}
