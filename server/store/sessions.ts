import type { SessionRecord, SessionStore } from '../security/session-store.js';
import type { Queryable } from './db.js';

/**
 * The session API's security state in the database, so every API node sees the same spent
 * login tokens and the same sessions. Expired rows are swept now and then by the writer.
 */
interface SessionRow {
  id: string;
  tenant_id: string | null;
  user_id: string;
  extension: string;
  display_name: string;
  auth_time: string | number;
  renew_jti: string;
  expires_at: string | number;
  revoked: boolean;
}

const SWEEP_EVERY = 200;

export class DbSessionStore implements SessionStore {
  #writes = 0;

  constructor(private readonly db: Queryable) {}

  async useToken(jti: string, expiresAt: number): Promise<boolean> {
    await this.#wrote();
    const inserted = await this.db.query('insert into used_tokens (jti, expires_at) values ($1, $2) on conflict (jti) do nothing returning jti', [jti, expiresAt]);
    return inserted.length === 1;
  }

  async createSession(record: SessionRecord): Promise<void> {
    await this.#wrote();
    await this.db.query(
      'insert into sessions (id, tenant_id, user_id, extension, display_name, auth_time, renew_jti, expires_at, revoked) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
      [record.id, record.tenantId ?? null, record.userId, record.extension, record.displayName, record.authTime, record.renewJti, record.expiresAt, record.revoked],
    );
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const [row] = await this.db.query<SessionRow>('select * from sessions where id = $1 and expires_at > $2', [id, Math.floor(Date.now() / 1000)]);
    if (!row) return undefined;
    return {
      id: row.id,
      ...(row.tenant_id ? { tenantId: row.tenant_id } : {}),
      userId: row.user_id,
      extension: row.extension,
      displayName: row.display_name,
      authTime: Number(row.auth_time),
      renewJti: row.renew_jti,
      expiresAt: Number(row.expires_at),
      revoked: row.revoked,
    };
  }

  async rotateRenewToken(id: string, expectedJti: string, nextJti: string): Promise<boolean> {
    // One statement: of two nodes presenting the same renew token at once, only one wins.
    const rows = await this.db.query('update sessions set renew_jti = $3 where id = $1 and renew_jti = $2 and not revoked returning id', [id, expectedJti, nextJti]);
    return rows.length === 1;
  }

  async revokeSession(id: string): Promise<void> {
    await this.db.query('update sessions set revoked = true where id = $1', [id]);
  }

  async #wrote(): Promise<void> {
    this.#writes += 1;
    if (this.#writes % SWEEP_EVERY !== 0) return;
    const now = Math.floor(Date.now() / 1000);
    await this.db.query('delete from used_tokens where expires_at <= $1', [now]);
    await this.db.query('delete from sessions where expires_at <= $1', [now]);
  }
}
