/**
 * Server configuration from the environment. Development defaults let `npm start` work on a
 * bare machine; in production (`NODE_ENV=production`) every secret must be set explicitly.
 */

export interface DirectoryUser {
  userId: string;
  extension: string;
  displayName: string;
  /** Only for the usercode + clearpassword login; tokens are the preferred way in. */
  password: string;
}

export const referPolicies = ['never', 'internal', 'ask'] as const;
export type ReferPolicy = (typeof referPolicies)[number];

export interface ServerConfig {
  /** Address every listener binds to. */
  host: string;
  httpPort: number;
  sipPort: number;
  /** The SIP WebSocket URL handed to widgets (Kamailio's in production). */
  sipWsUrl: string;
  sipDomain: string;
  /** HS256 key for agent tokens. */
  tokenSecret: string;
  /** Shared with Kamailio's auth_ephemeral (and our dev PBX) to derive SIP passwords. */
  sipSecret: string;
  apiKeys: readonly string[];
  /** Longest lifetime a token may be minted with. */
  maxTokenTtlSeconds: number;
  /** Lifetime of the ephemeral SIP credentials handed out by /api/session. */
  sipCredentialTtlSeconds: number;
  /** Lifetime of the renew token /api/session hands out with each session. */
  renewTokenTtlSeconds: number;
  /** Longest a login lasts through renewals before the agent must log in again. */
  maxSessionSeconds: number;
  /** Host page origins the widget talks to (the tenant's CRM origins). */
  allowedOrigins: readonly string[];
  users: readonly DirectoryUser[];
  /**
   * Whether the phone follows a REFER from the far end (a caller asking the agent's phone to
   * call someone): never, to internal extensions only, or after asking the agent.
   */
  referPolicy: ReferPolicy;
  /** Numbers that are internal extensions (a regular expression source), for `referPolicy: 'internal'`. */
  internalExtensionPattern: string;
  /** Serve the demo's token endpoint (the demo plays the CRM backend). Never in production. */
  demo: boolean;
}

const devUsers: DirectoryUser[] = [
  { userId: '1001', extension: '1001', displayName: 'Alice Agent', password: 'alice-1001' },
  { userId: '1002', extension: '1002', displayName: 'Bob Agent', password: 'bob-1002' },
  { userId: '1003', extension: '1003', displayName: 'Carol Agent', password: 'carol-1003' },
  { userId: '2001', extension: '2001', displayName: 'Customer Phone', password: 'customer-2001' },
  { userId: '2002', extension: '2002', displayName: 'Second Customer', password: 'customer-2002' },
];

type Env = Record<string, string | undefined>;

function port(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a port number, got ${raw}`);
  return value;
}

function secret(env: Env, name: string, devValue: string): string {
  const value = env[name];
  if (value) return value;
  if (env.NODE_ENV === 'production') throw new Error(`${name} must be set in production`);
  return devValue;
}

export function loadConfig(env: Env = process.env, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const host = env.RINGSIDE_HOST ?? '127.0.0.1';
  const httpPort = port(env, 'RINGSIDE_HTTP_PORT', 5173);
  const sipPort = port(env, 'RINGSIDE_SIP_PORT', 5066);
  const origins = env.RINGSIDE_ALLOWED_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean);
  const base: ServerConfig = {
    host,
    httpPort,
    sipPort,
    sipWsUrl: env.RINGSIDE_SIP_WS_URL ?? `ws://${host}:${sipPort}`,
    sipDomain: env.RINGSIDE_SIP_DOMAIN ?? 'ringside.local',
    tokenSecret: secret(env, 'RINGSIDE_TOKEN_SECRET', 'dev-only-token-secret-change-me-0123456789'),
    sipSecret: secret(env, 'RINGSIDE_SIP_SECRET', 'dev-only-sip-secret-change-me'),
    apiKeys: (env.RINGSIDE_API_KEYS ?? secret(env, 'RINGSIDE_API_KEYS', 'dev-api-key')).split(','),
    maxTokenTtlSeconds: 12 * 3600,
    sipCredentialTtlSeconds: 3600,
    renewTokenTtlSeconds: 3600,
    maxSessionSeconds: 24 * 3600,
    allowedOrigins: origins ?? [`http://localhost:${httpPort}`, `http://127.0.0.1:${httpPort}`],
    users: devUsers,
    referPolicy: 'internal',
    internalExtensionPattern: '^[0-9]{2,5}$',
    demo: env.NODE_ENV !== 'production',
  };
  return { ...base, ...overrides };
}
