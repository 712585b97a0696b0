/**
 * Server configuration from the environment. There are two kinds of server:
 *
 * - `development` (only `npm start` and tests ask for it): dev secrets, a dev tenant with dev
 *   users, passwords and API key seeded into its own store, the demo token endpoint, the
 *   embedded dev PBX.
 * - `production` (`npm run serve`, whatever NODE_ENV says): no defaults for anything secret.
 *   Secrets must be set and strong, admin keys (if any) long and trimmed; no dev tenant, no
 *   demo endpoints. A server that is missing any of it refuses to start and names each
 *   problem. Tenants, their origins, API keys and agents live in the store.
 */
import type { TenantSettings } from './store/tenant-settings.js';

export interface DirectoryUser {
  userId: string;
  extension: string;
  displayName: string;
  /** Only for the usercode + clearpassword login of development users. */
  password: string;
}

export const referPolicies = ['never', 'internal', 'ask'] as const;
export type ReferPolicy = (typeof referPolicies)[number];

export type ServerMode = 'development' | 'production';

/** Failed logins allowed before backing off (see login-limiter.ts). */
export interface RateLimits {
  /** Failures per account before each further failure locks it. */
  accountFreeFailures: number;
  /** The first lock of an account; each further one doubles. */
  firstLockSeconds: number;
  /** Failures per client address in `windowSeconds` before the address is blocked. */
  addressFailures: number;
  windowSeconds: number;
  /** Longest lock-out, for an account or an address. */
  maxBlockSeconds: number;
}

/** What `npm start` (and the tests) seed into their store: one tenant with its users and key. */
export interface DevSeed {
  tenantId: string;
  name: string;
  allowedOrigins: string[];
  apiKey: string;
  users: readonly DirectoryUser[];
  settings: Partial<TenantSettings>;
  /** An admin of all tenants, for the admin page of `npm start`. */
  admin: { username: string; password: string };
}

export interface ServerConfig {
  mode: ServerMode;
  /** Address every listener binds to. */
  host: string;
  httpPort: number;
  sipPort: number;
  /** The SIP WebSocket URL new tenants get unless told otherwise (the dev PBX's in development). */
  sipWsUrl: string;
  /** The SIP domain new tenants get unless told otherwise; the dev PBX's realm. */
  sipDomain: string;
  /** HS256 key for agent tokens. */
  tokenSecret: string;
  /** Shared with Kamailio's auth_ephemeral (and our dev PBX) to derive SIP passwords. */
  sipSecret: string;
  /** Keys for the admin API (`Authorization: Bearer`), for automation; they administer every tenant. */
  adminKeys: readonly string[];
  /** Where the data lives: PGlite in `dataDir` (`memory` for tests), or PostgreSQL at `databaseUrl`. */
  store: { dataDir: string; databaseUrl?: string };
  /** The tenant of `/widget/` without a tenant in its path, and of password logins that name none. */
  defaultTenant?: string;
  /** Development only: seeded into the store at start. */
  devSeed?: DevSeed;
  /** Longest lifetime a token may be minted with. */
  maxTokenTtlSeconds: number;
  /** Lifetime of the ephemeral SIP credentials handed out by /api/session. */
  sipCredentialTtlSeconds: number;
  /** Lifetime of each renew token /api/session hands out (rotated on every renewal). */
  renewTokenTtlSeconds: number;
  /** Longest a login lasts through renewals before the agent must log in again. */
  maxSessionSeconds: number;
  /** Serve the demo's token endpoint (the demo plays the CRM backend). Never in production. */
  demo: boolean;
  /** Run the dev PBX in this process. Production: only with RINGSIDE_EMBEDDED_PBX=on. */
  embeddedPbx: boolean;
  /** Read the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: boolean;
  rateLimits: RateLimits;
}

const devUsers: DirectoryUser[] = [
  { userId: '1001', extension: '1001', displayName: 'Alice Agent', password: 'alice-1001' },
  { userId: '1002', extension: '1002', displayName: 'Bob Agent', password: 'bob-1002' },
  { userId: '1003', extension: '1003', displayName: 'Carol Agent', password: 'carol-1003' },
  { userId: '2001', extension: '2001', displayName: 'Customer Phone', password: 'customer-2001' },
  { userId: '2002', extension: '2002', displayName: 'Second Customer', password: 'customer-2002' },
];

/** Public values from this repository: accepted in development, refused in production. */
const devDefaults = {
  RINGSIDE_TOKEN_SECRET: 'dev-only-token-secret-change-me-0123456789',
  RINGSIDE_SIP_SECRET: 'dev-only-sip-secret-change-me',
  RINGSIDE_API_KEYS: 'dev-api-key',
} as const;

export const MIN_SECRET_LENGTH = 32;
export const MIN_ADMIN_KEY_LENGTH = 24;

const defaultRateLimits: RateLimits = { accountFreeFailures: 5, firstLockSeconds: 15, addressFailures: 100, windowSeconds: 15 * 60, maxBlockSeconds: 15 * 60 };

type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Ringside cannot start in production:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function port(env: Env, name: string, fallback: number, problems: string[]): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) problems.push(`${name} must be a port number, got ${JSON.stringify(raw)}`);
  return value;
}

function list(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((item) => item.trim()).filter(Boolean);
}

/** A secret that production accepts: set, long enough, not one of this repository's. */
function strongSecret(env: Env, name: keyof typeof devDefaults, problems: string[]): string {
  const value = env[name]?.trim() ?? '';
  if (!value) problems.push(`${name} is not set (a random string of at least ${MIN_SECRET_LENGTH} characters)`);
  else if (value === devDefaults[name]) problems.push(`${name} is the public development value`);
  else if (value.length < MIN_SECRET_LENGTH) problems.push(`${name} is too short (${value.length} characters, at least ${MIN_SECRET_LENGTH})`);
  return value;
}

function adminKeys(env: Env, production: boolean, problems: string[]): string[] {
  const raw = env.RINGSIDE_ADMIN_KEYS;
  const keys = list(raw);
  if (!production) return keys;
  if (raw && raw.split(',').some((key) => key.trim() === '')) problems.push('RINGSIDE_ADMIN_KEYS has an empty key');
  for (const [i, key] of keys.entries()) if (key.length < MIN_ADMIN_KEY_LENGTH) problems.push(`RINGSIDE_ADMIN_KEYS key ${i + 1} is too short (at least ${MIN_ADMIN_KEY_LENGTH} characters)`);
  return keys;
}

/** Settings that moved into the store: refused by name, so an old deployment learns where they went. */
const movedToStore: Record<string, string> = {
  RINGSIDE_API_KEYS: 'API keys belong to tenants now: npm run admin -- key create --tenant <id>',
  RINGSIDE_ALLOWED_ORIGINS: 'allowed origins belong to tenants now: npm run admin -- tenant create --origin <origin>',
  RINGSIDE_REFER_POLICY: 'the REFER policy is a tenant setting now (admin page or API)',
};

function origins(raw: string | undefined, problems: string[]): string[] | undefined {
  const values = list(raw);
  if (!values.length) return undefined;
  for (const value of values) {
    let ok = false;
    try {
      const url = new URL(value);
      ok = (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      ok = false;
    }
    if (!ok) problems.push(`RINGSIDE_ALLOWED_ORIGINS entry ${JSON.stringify(value)} is not an origin like https://crm.example.com`);
  }
  return values;
}

/**
 * Loads the configuration for a kind of server. Production throws a ConfigError listing every
 * problem at once, so a deployer fixes them in one go.
 */
export function loadConfig(env: Env = process.env, overrides: Partial<ServerConfig> = {}, mode: ServerMode = 'production'): ServerConfig {
  const problems: string[] = [];
  const host = env.RINGSIDE_HOST ?? '127.0.0.1';
  const httpPort = port(env, 'RINGSIDE_HTTP_PORT', 5173, problems);
  const sipPort = port(env, 'RINGSIDE_SIP_PORT', 5066, problems);
  const production = mode === 'production';
  if (production) for (const [name, where] of Object.entries(movedToStore)) if (env[name] !== undefined) problems.push(`${name} is no longer read: ${where}`);
  const embeddedPbx = production ? env.RINGSIDE_EMBEDDED_PBX === 'on' : true;
  const devOrigins = production ? undefined : origins(env.RINGSIDE_ALLOWED_ORIGINS, problems);
  const base: ServerConfig = {
    mode,
    host,
    httpPort,
    sipPort,
    sipWsUrl: env.RINGSIDE_SIP_WS_URL ?? `ws://${host}:${sipPort}`,
    sipDomain: env.RINGSIDE_SIP_DOMAIN ?? (production ? 'sip.invalid' : 'ringside.local'),
    tokenSecret: production ? strongSecret(env, 'RINGSIDE_TOKEN_SECRET', problems) : (env.RINGSIDE_TOKEN_SECRET ?? devDefaults.RINGSIDE_TOKEN_SECRET),
    sipSecret: production ? strongSecret(env, 'RINGSIDE_SIP_SECRET', problems) : (env.RINGSIDE_SIP_SECRET ?? devDefaults.RINGSIDE_SIP_SECRET),
    adminKeys: adminKeys(env, production, problems),
    store: {
      dataDir: env.RINGSIDE_DATA_DIR ?? (production ? '.ringside/data' : '.ringside/dev-data'),
      ...(env.RINGSIDE_DATABASE_URL ? { databaseUrl: env.RINGSIDE_DATABASE_URL } : {}),
    },
    maxTokenTtlSeconds: 12 * 3600,
    sipCredentialTtlSeconds: 3600,
    renewTokenTtlSeconds: 3600,
    maxSessionSeconds: 24 * 3600,
    ...(production
      ? {}
      : {
          defaultTenant: 'dev',
          devSeed: {
            tenantId: 'dev',
            name: 'Development',
            allowedOrigins: devOrigins ?? [`http://localhost:${httpPort}`, `http://127.0.0.1:${httpPort}`],
            apiKey: env.RINGSIDE_API_KEYS?.split(',')[0]?.trim() || devDefaults.RINGSIDE_API_KEYS,
            users: devUsers,
            settings: { referPolicy: 'internal', jitAgents: false },
            admin: { username: 'admin', password: 'ringside-dev-admin' },
          },
        }),
    demo: !production,
    embeddedPbx,
    trustProxy: env.RINGSIDE_TRUST_PROXY === 'on',
    rateLimits: defaultRateLimits,
  };
  if (problems.length) throw new ConfigError(problems);
  return { ...base, ...overrides };
}

/** The development server's configuration (`npm start`, tests): dev users and secrets. */
export function loadDevConfig(env: Env = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  return loadConfig(env, overrides, 'development');
}
