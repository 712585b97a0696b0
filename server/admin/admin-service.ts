import { randomBytes } from 'node:crypto';
import type { ServerConfig } from '../config.js';
import { ApiError, invalid, type FieldError } from '../http/api-http.js';
import type { Agent, AgentInput } from '../store/agents.js';
import type { Store } from '../store/store.js';
import { isOrigin, parseSettings } from '../store/tenant-settings.js';
import type { ApiKeyInfo, Tenant } from '../store/tenants.js';

/**
 * What administrators do, validated once for every way in: the admin API, the admin page
 * (through the API) and the CLI. Every bad input is a 422 `validation_failed` naming its
 * fields; a clash with what exists is a 409 `conflict`; something missing is a 404.
 */

const ID = /^[A-Za-z0-9._-]{1,64}$/;
const NAME = /^[^\p{Cc}]{1,100}$/u;
const DISPLAY_NAME = /^[^\p{Cc}\p{Cf}]{1,64}$/u;
const USERNAME = /^[A-Za-z0-9._@-]{3,64}$/;
const MIN_PASSWORD = 10;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function newApiKey(): string {
  return `rsk_${randomBytes(24).toString('base64url')}`;
}

function text(body: Record<string, unknown>, field: string, pattern: RegExp, message: string, errors: FieldError[], required: boolean): string | undefined {
  const value = body[field];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !pattern.test(value)) {
    errors.push({ field, message });
    return undefined;
  }
  return value;
}

function originList(value: unknown, errors: FieldError[]): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > 50) {
    errors.push({ field: 'allowedOrigins', message: 'a list of at most 50 origins' });
    return undefined;
  }
  value.forEach((origin, i) => {
    if (!isOrigin(origin)) errors.push({ field: `allowedOrigins[${i}]`, message: 'an origin like https://crm.example.com (scheme, host and port only)' });
  });
  return value as string[];
}

function wsUrl(value: unknown, errors: FieldError[]): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(String(value));
    if ((url.protocol === 'wss:' || url.protocol === 'ws:') && typeof value === 'string' && value.length <= 300) return value;
  } catch {
    // reported below
  }
  errors.push({ field: 'sipWsUrl', message: 'a wss:// (or ws://) URL' });
  return undefined;
}

const known = (body: Record<string, unknown>, fields: readonly string[], errors: FieldError[]) => {
  for (const key of Object.keys(body)) if (!fields.includes(key)) errors.push({ field: key, message: 'is not a field here' });
};

/** A 409 that names the field in the way, so a form can show it there. */
const clash = (field: string, message: string) => new ApiError(409, 'conflict', message, {}, [{ field, message }]);

function conflict(error: unknown, field: string, what: string): never {
  if ((error as { code?: string }).code === '23505') throw clash(field, what);
  throw error;
}

export class AdminService {
  constructor(
    private readonly store: Store,
    private readonly config: ServerConfig,
  ) {}

  async createTenant(body: unknown): Promise<{ tenant: Tenant; apiKey: string; key: ApiKeyInfo }> {
    if (!isRecord(body)) throw invalid([{ field: '', message: 'send a JSON object' }]);
    const errors: FieldError[] = [];
    known(body, ['name', 'allowedOrigins', 'sipDomain', 'sipWsUrl', 'settings'], errors);
    const name = text(body, 'name', NAME, '1 to 100 characters', errors, true);
    const allowedOrigins = originList(body.allowedOrigins ?? [], errors) ?? [];
    const sipDomain = text(body, 'sipDomain', /^[A-Za-z0-9.-]{1,253}$/, 'a domain name', errors, false) ?? this.config.sipDomain;
    const sipWs = wsUrl(body.sipWsUrl, errors) ?? this.config.sipWsUrl;
    const settings = body.settings === undefined ? undefined : parseSettings(body.settings);
    if (settings && !settings.ok) errors.push(...settings.errors);
    if (errors.length || !name) throw invalid(errors);
    const tenant = await this.store.tenants.create({ name, allowedOrigins, sipDomain, sipWsUrl: sipWs, ...(settings?.ok ? { settings: settings.value } : {}) });
    const apiKey = newApiKey();
    const key = await this.store.tenants.createKey(tenant.id, 'first key', apiKey);
    return { tenant, apiKey, key };
  }

  async tenant(id: string): Promise<Tenant> {
    const tenant = await this.store.tenants.get(id);
    if (!tenant) throw new ApiError(404, 'not_found', `no tenant ${id.slice(0, 64)}`);
    return tenant;
  }

  async updateTenant(id: string, body: unknown): Promise<Tenant> {
    const current = await this.tenant(id);
    if (!isRecord(body)) throw invalid([{ field: '', message: 'send a JSON object' }]);
    const errors: FieldError[] = [];
    known(body, ['name', 'allowedOrigins', 'sipDomain', 'sipWsUrl', 'settings'], errors);
    const name = text(body, 'name', NAME, '1 to 100 characters', errors, false);
    const allowedOrigins = originList(body.allowedOrigins, errors);
    const sipDomain = text(body, 'sipDomain', /^[A-Za-z0-9.-]{1,253}$/, 'a domain name', errors, false);
    const sipWs = wsUrl(body.sipWsUrl, errors);
    const settings = body.settings === undefined ? undefined : parseSettings(body.settings, current.settings);
    if (settings && !settings.ok) errors.push(...settings.errors);
    if (errors.length) throw invalid(errors);
    return (await this.store.tenants.update(id, {
      ...(name ? { name } : {}),
      ...(allowedOrigins ? { allowedOrigins } : {}),
      ...(sipDomain ? { sipDomain } : {}),
      ...(sipWs ? { sipWsUrl: sipWs } : {}),
      ...(settings?.ok ? { settings: settings.value } : {}),
    }))!;
  }

  async createKey(tenantId: string, body: unknown): Promise<{ apiKey: string; key: ApiKeyInfo }> {
    await this.tenant(tenantId);
    const errors: FieldError[] = [];
    const input = isRecord(body) ? body : {};
    known(input, ['label'], errors);
    const label = text(input, 'label', NAME, '1 to 100 characters', errors, false) ?? 'API key';
    if (errors.length) throw invalid(errors);
    const apiKey = newApiKey();
    return { apiKey, key: await this.store.tenants.createKey(tenantId, label, apiKey) };
  }

  async revokeKey(tenantId: string, keyId: string): Promise<ApiKeyInfo> {
    const key = await this.store.tenants.revokeKey(tenantId, keyId);
    if (!key) throw new ApiError(404, 'not_found', `no key ${keyId.slice(0, 64)} in tenant ${tenantId.slice(0, 64)}`);
    return key;
  }

  /** Creates an agent (`create`) or changes one (`update`): the same rules, different required fields. */
  async saveAgent(tenantId: string, body: unknown, mode: 'create' | 'update', userId?: string): Promise<Agent> {
    await this.tenant(tenantId);
    if (!isRecord(body)) throw invalid([{ field: '', message: 'send a JSON object' }]);
    const errors: FieldError[] = [];
    known(body, mode === 'create' ? ['userId', 'extension', 'displayName', 'password', 'enabled', 'permissions'] : ['extension', 'displayName', 'password', 'enabled', 'permissions'], errors);
    const id = mode === 'create' ? text(body, 'userId', ID, 'letters, digits, ".", "_" or "-", 1 to 64', errors, true) : userId;
    const current = mode === 'update' && id ? await this.store.agents.get(tenantId, id) : undefined;
    if (mode === 'update' && !current) throw new ApiError(404, 'not_found', `no agent ${String(userId).slice(0, 64)}`);
    const extension = text(body, 'extension', ID, 'letters, digits, ".", "_" or "-", 1 to 64', errors, mode === 'create') ?? current?.extension;
    const displayName = text(body, 'displayName', DISPLAY_NAME, '1 to 64 printable characters', errors, mode === 'create') ?? current?.displayName;
    let password: string | null | undefined;
    if (body.password === null) password = null;
    else if (body.password !== undefined) {
      if (typeof body.password !== 'string' || body.password.length < MIN_PASSWORD || body.password.length > 200) errors.push({ field: 'password', message: `${MIN_PASSWORD} to 200 characters` });
      else password = body.password;
    }
    if (body.enabled !== undefined && typeof body.enabled !== 'boolean') errors.push({ field: 'enabled', message: 'true or false' });
    const permissions = body.permissions;
    if (permissions !== undefined && !(isRecord(permissions) && Object.entries(permissions).every(([k, v]) => k === 'trunkCalls' && typeof v === 'boolean'))) {
      errors.push({ field: 'permissions', message: '{trunkCalls: true|false}' });
    }
    if (errors.length || !id || !extension || !displayName) throw invalid(errors);
    if (mode === 'create' && (await this.store.agents.get(tenantId, id))) throw clash('userId', `agent ${id} exists already`);
    const input: AgentInput = { userId: id, extension, displayName, ...(password !== undefined ? { password } : {}) };
    if (typeof body.enabled === 'boolean') input.enabled = body.enabled;
    if (isRecord(permissions)) input.permissions = permissions as AgentInput['permissions'] & object;
    return this.store.agents.upsert(tenantId, input).catch((error: unknown) => conflict(error, 'extension', `extension ${extension} belongs to another agent`));
  }

  async setAgentEnabled(tenantId: string, userId: string, enabled: boolean): Promise<Agent> {
    const agent = await this.store.agents.setEnabled(tenantId, userId, enabled);
    if (!agent) throw new ApiError(404, 'not_found', `no agent ${userId.slice(0, 64)}`);
    return agent;
  }

  async createAdmin(body: unknown): Promise<{ id: string; username: string; tenantId: string | null }> {
    if (!isRecord(body)) throw invalid([{ field: '', message: 'send a JSON object' }]);
    const errors: FieldError[] = [];
    known(body, ['username', 'password', 'tenantId'], errors);
    const username = text(body, 'username', USERNAME, '3 to 64 letters, digits, ".", "_", "@" or "-"', errors, true);
    if (typeof body.password !== 'string' || body.password.length < MIN_PASSWORD || body.password.length > 200) errors.push({ field: 'password', message: `${MIN_PASSWORD} to 200 characters` });
    const tenantId = body.tenantId === undefined || body.tenantId === null ? null : typeof body.tenantId === 'string' ? body.tenantId : undefined;
    if (tenantId === undefined) errors.push({ field: 'tenantId', message: 'a tenant id, or null for all tenants' });
    if (errors.length || !username) throw invalid(errors);
    if (tenantId) await this.tenant(tenantId);
    return this.store.admins.create(username, body.password as string, tenantId ?? null).catch((error: unknown) => conflict(error, 'username', `admin ${username} exists already`));
  }
}
