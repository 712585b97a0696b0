import type { Queryable } from './db.js';
import { newId, secretHash } from './ids.js';
import { defaultSettings, type TenantSettings } from './tenant-settings.js';

/** Tenants and their API keys. */
export interface Tenant {
  id: string;
  name: string;
  allowedOrigins: string[];
  sipDomain: string;
  sipWsUrl: string;
  settings: TenantSettings;
  createdAt: string;
}

export interface ApiKeyInfo {
  id: string;
  tenantId: string;
  label: string;
  /** The first characters of the key, to tell keys apart in a list; never the key. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

interface TenantRow {
  id: string;
  name: string;
  allowed_origins: string[];
  sip_domain: string;
  sip_ws_url: string;
  settings: Partial<TenantSettings>;
  created_at: Date | string;
}

interface KeyRow {
  id: string;
  tenant_id: string;
  label: string;
  prefix: string;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

function tenantOf(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    allowedOrigins: row.allowed_origins,
    sipDomain: row.sip_domain,
    sipWsUrl: row.sip_ws_url,
    // Settings added by later versions get their defaults on read.
    settings: { ...defaultSettings, ...row.settings },
    createdAt: iso(row.created_at)!,
  };
}

function keyOf(row: KeyRow): ApiKeyInfo {
  return { id: row.id, tenantId: row.tenant_id, label: row.label, prefix: row.prefix, createdAt: iso(row.created_at)!, lastUsedAt: iso(row.last_used_at), revokedAt: iso(row.revoked_at) };
}

export type NewTenant = Pick<Tenant, 'name' | 'allowedOrigins' | 'sipDomain' | 'sipWsUrl'> & { settings?: TenantSettings; id?: string };

export class Tenants {
  constructor(private readonly db: Queryable) {}

  async create(tenant: NewTenant): Promise<Tenant> {
    const [row] = await this.db.query<TenantRow>(
      'insert into tenants (id, name, allowed_origins, sip_domain, sip_ws_url, settings) values ($1, $2, $3, $4, $5, $6) returning *',
      [tenant.id ?? newId('tn'), tenant.name, tenant.allowedOrigins, tenant.sipDomain, tenant.sipWsUrl, JSON.stringify(tenant.settings ?? defaultSettings)],
    );
    return tenantOf(row!);
  }

  async get(id: string): Promise<Tenant | undefined> {
    const [row] = await this.db.query<TenantRow>('select * from tenants where id = $1', [id]);
    return row && tenantOf(row);
  }

  async list(ids?: readonly string[]): Promise<Tenant[]> {
    const rows = ids ? await this.db.query<TenantRow>('select * from tenants where id = any($1) order by created_at, id', [ids]) : await this.db.query<TenantRow>('select * from tenants order by created_at, id');
    return rows.map(tenantOf);
  }

  async update(id: string, patch: Partial<Omit<Tenant, 'id' | 'createdAt'>>): Promise<Tenant | undefined> {
    const current = await this.get(id);
    if (!current) return undefined;
    const next = { ...current, ...patch };
    const [row] = await this.db.query<TenantRow>(
      'update tenants set name = $2, allowed_origins = $3, sip_domain = $4, sip_ws_url = $5, settings = $6 where id = $1 returning *',
      [id, next.name, next.allowedOrigins, next.sipDomain, next.sipWsUrl, JSON.stringify(next.settings)],
    );
    return row && tenantOf(row);
  }

  async remove(id: string): Promise<boolean> {
    return (await this.db.query('delete from tenants where id = $1 returning id', [id])).length > 0;
  }

  /** A new API key: the key itself is returned here once and stored only as a hash. */
  async createKey(tenantId: string, label: string, key: string): Promise<ApiKeyInfo> {
    const [row] = await this.db.query<KeyRow>('insert into api_keys (id, tenant_id, label, key_hash, prefix) values ($1, $2, $3, $4, $5) returning *', [newId('key'), tenantId, label, secretHash(key), key.slice(0, 10)]);
    return keyOf(row!);
  }

  async keys(tenantId: string): Promise<ApiKeyInfo[]> {
    return (await this.db.query<KeyRow>('select * from api_keys where tenant_id = $1 order by created_at, id', [tenantId])).map(keyOf);
  }

  async revokeKey(tenantId: string, keyId: string): Promise<ApiKeyInfo | undefined> {
    const [row] = await this.db.query<KeyRow>('update api_keys set revoked_at = coalesce(revoked_at, now()) where id = $1 and tenant_id = $2 returning *', [keyId, tenantId]);
    return row && keyOf(row);
  }

  /** The tenant a live API key belongs to; records when the key was last used. */
  async byApiKey(key: string): Promise<Tenant | undefined> {
    const [found] = await this.db.query<{ tenant_id: string }>('update api_keys set last_used_at = now() where key_hash = $1 and revoked_at is null returning tenant_id', [secretHash(key)]);
    return found ? this.get(found.tenant_id) : undefined;
  }
}
