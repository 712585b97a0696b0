import type { Db } from './db.js';

/**
 * The schema, as numbered migrations applied in order at start-up. A migration, once
 * released, is never edited: a change is a new migration. Several API nodes starting at
 * once take an advisory lock, so each migration runs exactly once.
 */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'tenants, keys, agents, admins, security state',
    sql: `
      create table tenants (
        id text primary key,
        name text not null,
        allowed_origins text[] not null default '{}',
        sip_domain text not null,
        sip_ws_url text not null,
        settings jsonb not null default '{}',
        created_at timestamptz not null default now()
      );
      create table api_keys (
        id text primary key,
        tenant_id text not null references tenants(id) on delete cascade,
        label text not null,
        key_hash text not null unique,
        prefix text not null,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );
      create table agents (
        tenant_id text not null references tenants(id) on delete cascade,
        user_id text not null,
        extension text not null,
        display_name text not null,
        enabled boolean not null default true,
        permissions jsonb not null default '{}',
        password_hash text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        primary key (tenant_id, user_id),
        unique (tenant_id, extension)
      );
      create table admins (
        id text primary key,
        tenant_id text references tenants(id) on delete cascade,
        username text not null unique,
        password_hash text not null,
        created_at timestamptz not null default now()
      );
      create table admin_sessions (
        id_hash text primary key,
        admin_id text not null references admins(id) on delete cascade,
        csrf_token text not null,
        expires_at timestamptz not null
      );
      create table used_tokens (
        jti text primary key,
        expires_at bigint not null
      );
      create table sessions (
        id text primary key,
        tenant_id text,
        user_id text not null,
        extension text not null,
        display_name text not null,
        auth_time bigint not null,
        renew_jti text not null,
        expires_at bigint not null,
        revoked boolean not null default false
      );
      create index used_tokens_expiry on used_tokens (expires_at);
      create index sessions_expiry on sessions (expires_at);
    `,
  },
  {
    version: 2,
    name: 'failed-login counters shared by API nodes (rate-limiter-flexible)',
    // The table RateLimiterPostgres would create itself, made here so it exists before the first login.
    sql: `
      create table if not exists rate_limits (
        key varchar(255) primary key,
        points integer not null default 0,
        expire bigint
      );
    `,
  },
];

export async function migrate(db: Db): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Serialises concurrent start-ups on PostgreSQL; PGlite has one connection anyway.
    await tx.query('select pg_advisory_xact_lock(4242)');
    await tx.query('create table if not exists schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())');
    const done = new Set((await tx.query<{ version: number }>('select version from schema_migrations')).map((row) => row.version));
    const applied: number[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}
