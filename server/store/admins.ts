import { randomBytes } from 'node:crypto';
import type { Queryable } from './db.js';
import { newId, secretHash } from './ids.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';

/** Administrators: of one tenant, or of all tenants (`tenantId` null), and their sessions. */
export interface Admin {
  id: string;
  username: string;
  tenantId: string | null;
}

interface AdminRow {
  id: string;
  username: string;
  tenant_id: string | null;
  password_hash: string;
}

const adminOf = (row: AdminRow): Admin => ({ id: row.id, username: row.username, tenantId: row.tenant_id });

export interface AdminSession {
  admin: Admin;
  csrfToken: string;
}

export class Admins {
  constructor(private readonly db: Queryable) {}

  async create(username: string, password: string, tenantId: string | null): Promise<Admin> {
    const [row] = await this.db.query<AdminRow>('insert into admins (id, username, tenant_id, password_hash) values ($1, $2, $3, $4) returning *', [newId('adm'), username, tenantId, await hashPassword(password)]);
    return adminOf(row!);
  }

  async list(): Promise<Admin[]> {
    return (await this.db.query<AdminRow>('select * from admins order by username')).map(adminOf);
  }

  async byUsername(username: string): Promise<Admin | undefined> {
    const [row] = await this.db.query<AdminRow>('select * from admins where username = $1', [username]);
    return row && adminOf(row);
  }

  async checkPassword(username: string, password: string): Promise<Admin | undefined> {
    const [row] = await this.db.query<AdminRow>('select * from admins where username = $1', [username]);
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    return row && ok ? adminOf(row) : undefined;
  }

  /** Opens a session: returns the cookie value (stored only hashed) and its CSRF token. */
  async openSession(adminId: string, ttlSeconds: number): Promise<{ cookie: string; csrfToken: string }> {
    const cookie = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await this.db.query("insert into admin_sessions (id_hash, admin_id, csrf_token, expires_at) values ($1, $2, $3, now() + make_interval(secs => $4))", [secretHash(cookie), adminId, csrfToken, ttlSeconds]);
    await this.db.query('delete from admin_sessions where expires_at < now()');
    return { cookie, csrfToken };
  }

  async session(cookie: string): Promise<AdminSession | undefined> {
    const [row] = await this.db.query<AdminRow & { csrf_token: string }>(
      'select a.*, s.csrf_token from admin_sessions s join admins a on a.id = s.admin_id where s.id_hash = $1 and s.expires_at > now()',
      [secretHash(cookie)],
    );
    return row && { admin: adminOf(row), csrfToken: row.csrf_token };
  }

  async closeSession(cookie: string): Promise<void> {
    await this.db.query('delete from admin_sessions where id_hash = $1', [secretHash(cookie)]);
  }
}
