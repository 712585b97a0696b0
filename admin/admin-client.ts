import {
  isAdmin,
  isAgent,
  isFieldError,
  isKeyInfo,
  isRecord,
  isTenant,
  listIn,
  wrapped,
  type Admin,
  type Agent,
  type ApiKeyInfo,
  type FieldError,
  type Tenant,
  type TenantSettings,
} from './admin-types.js';

/**
 * The admin API (`/api/admin/`) for the admin page: same-origin fetches with the session
 * cookie, the session's CSRF token on every request that changes something, every answer
 * checked by a guard. Failures are `AdminApiError`s with the API's code and field errors.
 */

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    /** The API's code (`validation_failed`, `conflict`, …), or `network` / `invalid_response` from the page. */
    readonly code: string,
    message: string,
    readonly fields: readonly FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Fired on the client when the server says the admin session is gone (expired or logged out elsewhere). */
export class AdminSignedOutEvent extends Event {
  static readonly eventName = 'rs-admin-signed-out';
  constructor() {
    super(AdminSignedOutEvent.eventName);
  }
}

export interface NewTenant {
  name: string;
  allowedOrigins: string[];
  sipDomain?: string;
  sipWsUrl?: string;
  settings?: Partial<TenantSettings>;
}

export type TenantPatch = Partial<Omit<NewTenant, 'settings'>> & { settings?: Partial<TenantSettings> };

export interface NewAgent {
  userId: string;
  extension: string;
  displayName: string;
  password?: string;
  enabled?: boolean;
  permissions?: { trunkCalls: boolean };
}

export type AgentPatch = Partial<Omit<NewAgent, 'userId' | 'password'>> & { password?: string | null };

const isSession = (value: unknown): value is { admin: Admin; csrfToken: string } => isRecord(value) && isAdmin(value.admin) && typeof value.csrfToken === 'string';
const isNewKey = (value: unknown): value is { apiKey: string; key: ApiKeyInfo } => isRecord(value) && typeof value.apiKey === 'string' && isKeyInfo(value.key);
const isCreatedTenant = (value: unknown): value is { tenant: Tenant; apiKey: string; key: ApiKeyInfo } => isRecord(value) && isTenant(value.tenant) && isNewKey(value);
const isDeleted = (value: unknown): value is { deleted: boolean } => isRecord(value) && typeof value.deleted === 'boolean';
const anything = (_value: unknown): _value is unknown => true;

function retryAfterOf(response: Response): number | undefined {
  const value = response.headers.get('retry-after')?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

function errorOf(response: Response, body: unknown): AdminApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : {};
  const code = typeof error.code === 'string' ? error.code : 'http_error';
  const message = typeof error.message === 'string' ? error.message : `The server answered ${response.status}.`;
  const fields = Array.isArray(error.fields) ? error.fields.filter(isFieldError) : [];
  return new AdminApiError(response.status, code, message, fields, retryAfterOf(response));
}

export class AdminClient extends EventTarget {
  #csrfToken: string | null = null;

  constructor(
    private readonly base = '/api/admin',
    private readonly fetchFn: typeof fetch = (input, init) => fetch(input, init),
  ) {
    super();
  }

  /** The admin of the current session, or null when nobody is logged in. */
  async me(): Promise<Admin | null> {
    try {
      return this.#opened(await this.#request('GET', '/me', isSession));
    } catch (error) {
      if (error instanceof AdminApiError && error.code === 'admin_auth_required') return null;
      throw error;
    }
  }

  async login(username: string, password: string): Promise<Admin> {
    return this.#opened(await this.#request('POST', '/login', isSession, { username, password }));
  }

  async logout(): Promise<void> {
    await this.#request('POST', '/logout', anything);
    this.#csrfToken = null;
  }

  tenants = async (): Promise<Tenant[]> => (await this.#request('GET', '/tenants', listIn('tenants', isTenant))).tenants;
  tenant = async (id: string): Promise<Tenant> => (await this.#request('GET', `/tenants/${enc(id)}`, wrapped('tenant', isTenant))).tenant;
  createTenant = (input: NewTenant) => this.#request('POST', '/tenants', isCreatedTenant, input);
  updateTenant = async (id: string, patch: TenantPatch): Promise<Tenant> => (await this.#request('PATCH', `/tenants/${enc(id)}`, wrapped('tenant', isTenant), patch)).tenant;
  /** Removes the tenant with its agents, keys and admins (admins of all tenants only). */
  deleteTenant = async (id: string): Promise<boolean> => (await this.#request('DELETE', `/tenants/${enc(id)}`, isDeleted)).deleted;

  keys = async (tenantId: string): Promise<ApiKeyInfo[]> => (await this.#request('GET', `/tenants/${enc(tenantId)}/keys`, listIn('keys', isKeyInfo))).keys;
  createKey = (tenantId: string, label?: string) => this.#request('POST', `/tenants/${enc(tenantId)}/keys`, isNewKey, label ? { label } : {});
  revokeKey = async (tenantId: string, keyId: string): Promise<ApiKeyInfo> =>
    (await this.#request('POST', `/tenants/${enc(tenantId)}/keys/${enc(keyId)}/revoke`, wrapped('key', isKeyInfo))).key;

  agents = async (tenantId: string): Promise<Agent[]> => (await this.#request('GET', `/tenants/${enc(tenantId)}/agents`, listIn('agents', isAgent))).agents;
  createAgent = async (tenantId: string, input: NewAgent): Promise<Agent> => (await this.#request('POST', `/tenants/${enc(tenantId)}/agents`, wrapped('agent', isAgent), input)).agent;
  updateAgent = async (tenantId: string, userId: string, patch: AgentPatch): Promise<Agent> =>
    (await this.#request('PATCH', `/tenants/${enc(tenantId)}/agents/${enc(userId)}`, wrapped('agent', isAgent), patch)).agent;

  #opened(session: { admin: Admin; csrfToken: string }): Admin {
    this.#csrfToken = session.csrfToken;
    return session.admin;
  }

  async #request<T>(method: string, path: string, guard: (value: unknown) => value is T, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.#csrfToken) headers['x-csrf-token'] = this.#csrfToken;
    let response: Response;
    try {
      response = await this.fetchFn(this.base + path, { method, headers, credentials: 'same-origin', ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    } catch {
      throw new AdminApiError(0, 'network', 'The server could not be reached. Check the connection and try again.');
    }
    const data: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = errorOf(response, data);
      if (error.code === 'admin_auth_required' && path !== '/me') {
        this.#csrfToken = null;
        this.dispatchEvent(new AdminSignedOutEvent());
      }
      throw error;
    }
    if (!guard(data)) throw new AdminApiError(response.status, 'invalid_response', 'The server sent an answer this page does not understand.');
    return data;
  }
}

const enc = encodeURIComponent;
