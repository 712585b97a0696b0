#!/usr/bin/env node
/**
 * A throwaway PostgreSQL cluster for the store's tests: Debian's `postgresql` binaries, a
 * temporary directory, a loopback port, run as the `postgres` user when we are root (the
 * server refuses to run as root). `start()` resolves with its URL and a `stop()` that stops
 * this cluster by its own pid file and removes the directory.
 *
 * As a command: `node scripts/throwaway-postgres.mjs start <port>` prints
 * `RINGSIDE_TEST_DATABASE_URL=… RINGSIDE_TEST_PG_DIR=…`; `… stop <dir>` stops it.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function binDir() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

function run(bin, args) {
  const asRoot = process.getuid?.() === 0;
  const result = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', bin, ...args], { encoding: 'utf8' }) : spawnSync(bin, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed:\n${result.stderr || result.stdout}`);
  return result.stdout;
}

export function postgresAvailable() {
  return binDir() !== undefined;
}

/** `port` if nothing listens there, else the next free one (so two runs, or a developer's own cluster, never collide). */
function freePort(port) {
  for (let candidate = port; candidate < port + 50; candidate++) {
    const probe = spawnSync(process.execPath, ['-e', `require('net').createServer().once('error', () => process.exit(1)).listen(${candidate}, '127.0.0.1', function () { this.close(); })`]);
    if (probe.status === 0) return candidate;
  }
  throw new Error(`no free port from ${port} to ${port + 49}`);
}

export function start(wanted = 5499) {
  const port = freePort(wanted);
  const bin = binDir();
  if (!bin) throw new Error('PostgreSQL is not installed (Debian: apt-get install postgresql)');
  const dir = mkdtempSync(join(tmpdir(), 'ringside-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    chownSync(dir, Number(ids.stdout), Number(gid.stdout));
  }
  run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'pg.log'), '-w', '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off`, 'start']);
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, stop: () => stop(dir) };
}

export function stop(dir) {
  const bin = binDir();
  try {
    if (bin && existsSync(join(dir, 'data', 'postmaster.pid'))) run(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', '-w', 'stop']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, arg] = process.argv.slice(2);
  if (command === 'start') {
    const { url, dir } = start(Number(arg ?? 5499));
    process.stdout.write(`RINGSIDE_TEST_DATABASE_URL=${url} RINGSIDE_TEST_PG_DIR=${dir}\n`);
  } else if (command === 'stop' && arg) {
    stop(arg);
  } else {
    process.stderr.write('usage: throwaway-postgres.mjs start [port] | stop <dir>\n');
    process.exit(2);
  }
}
