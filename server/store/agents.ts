import type { Queryable } from './db.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';

/** Agents of a tenant. Passwords (for the usercode + clearpassword login) are only ever stored hashed and never returned. */
export interface AgentPermissions {
  /** May call numbers that leave through a trunk (PSTN). */
  trunkCalls?: boolean;
}

export interface Agent {
  tenantId: string;
  userId: string;
  extension: string;
  displayName: string;
  enabled: boolean;
  permissions: AgentPermissions;
  hasPassword: boolean;
}

interface AgentRow {
  tenant_id: string;
  user_id: string;
  extension: string;
  display_name: string;
  enabled: boolean;
  permissions: AgentPermissions;
  password_hash: string | null;
}

function agentOf(row: AgentRow): Agent {
  return { tenantId: row.tenant_id, userId: row.user_id, extension: row.extension, displayName: row.display_name, enabled: row.enabled, permissions: row.permissions, hasPassword: row.password_hash !== null };
}

export interface AgentInput {
  userId: string;
  extension: string;
  displayName: string;
  enabled?: boolean;
  permissions?: AgentPermissions;
  /** A new password; null removes it; undefined keeps the current one. */
  password?: string | null;
}

export class Agents {
  constructor(private readonly db: Queryable) {}

  /** Creates the agent or updates the fields given. */
  async upsert(tenantId: string, input: AgentInput): Promise<Agent> {
    const hash = input.password === undefined ? undefined : input.password === null ? null : await hashPassword(input.password);
    const [row] = await this.db.query<AgentRow>(
      `insert into agents (tenant_id, user_id, extension, display_name, enabled, permissions, password_hash)
       values ($1, $2, $3, $4, coalesce($5, true), coalesce($6::jsonb, '{}'::jsonb), $7)
       on conflict (tenant_id, user_id) do update set
         extension = excluded.extension,
         display_name = excluded.display_name,
         enabled = coalesce($5, agents.enabled),
         permissions = coalesce($6::jsonb, agents.permissions),
         password_hash = case when $8 then excluded.password_hash else agents.password_hash end,
         updated_at = now()
       returning *`,
      [tenantId, input.userId, input.extension, input.displayName, input.enabled ?? null, input.permissions ? JSON.stringify(input.permissions) : null, hash ?? null, hash !== undefined],
    );
    return agentOf(row!);
  }

  async get(tenantId: string, userId: string): Promise<Agent | undefined> {
    const [row] = await this.db.query<AgentRow>('select * from agents where tenant_id = $1 and user_id = $2', [tenantId, userId]);
    return row && agentOf(row);
  }

  /** The agent who is SIP user `userId` in SIP domain `domain` (the dev PBX's directory). */
  async bySipUser(domain: string, userId: string): Promise<Agent | undefined> {
    const [row] = await this.db.query<AgentRow>('select a.* from agents a join tenants t on t.id = a.tenant_id where t.sip_domain = $1 and a.user_id = $2 limit 1', [domain, userId]);
    return row && agentOf(row);
  }

  /** User ids of enabled agents allowed trunk calls, of tenants on SIP domain `domain` (or all). */
  async withTrunkCalls(domain?: string): Promise<string[]> {
    const rows = await this.db.query<{ user_id: string }>(
      "select a.user_id from agents a join tenants t on t.id = a.tenant_id where a.enabled and (a.permissions->>'trunkCalls')::boolean and ($1::text is null or t.sip_domain = $1) order by a.user_id",
      [domain ?? null],
    );
    return rows.map((row) => row.user_id);
  }

  async list(tenantId: string): Promise<Agent[]> {
    return (await this.db.query<AgentRow>('select * from agents where tenant_id = $1 order by user_id', [tenantId])).map(agentOf);
  }

  async setEnabled(tenantId: string, userId: string, enabled: boolean): Promise<Agent | undefined> {
    const [row] = await this.db.query<AgentRow>('update agents set enabled = $3, updated_at = now() where tenant_id = $1 and user_id = $2 returning *', [tenantId, userId, enabled]);
    return row && agentOf(row);
  }

  async remove(tenantId: string, userId: string): Promise<boolean> {
    return (await this.db.query('delete from agents where tenant_id = $1 and user_id = $2 returning user_id', [tenantId, userId])).length > 0;
  }

  /**
   * The enabled agent whose password matches. Hashes a dummy when there is no such agent, so
   * the time taken does not tell which user ids exist.
   */
  async checkPassword(tenantId: string, userId: string, password: string): Promise<Agent | undefined> {
    const [row] = await this.db.query<AgentRow>('select * from agents where tenant_id = $1 and user_id = $2', [tenantId, userId]);
    const ok = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    return row && row.password_hash && row.enabled && ok ? agentOf(row) : undefined;
  }
}
