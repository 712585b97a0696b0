import { spawnSync, type ChildProcess } from 'node:child_process';
import { spawnTracked, stopAllTracked, stopChild } from './children.js';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Kamailio and rtpengine for the interop suite: run in the foreground, on loopback only,
 * with a config generated from deploy/kamailio/ and a runtime dir of their own. Everything
 * started here is stopped by `stop()`, and by the process exit hooks if a run dies.
 */

export interface StackPorts {
  sip: number;
  ws: number;
  ng: number;
  rtpMin: number;
  rtpMax: number;
}

export const interopPorts: StackPorts = { sip: 5080, ws: 8088, ng: 2223, rtpMin: 30000, rtpMax: 30199 };
export const INTEROP_SECRET = 'interop-shared-secret';
export const INTEROP_DOMAIN = 'ringside.test';
const HOST = '127.0.0.1';
/** Where the trunk-side sipp UAS listens in the interop suite. */
export const TRUNK_PORT = 5090;
/** The local ports sipp uses as a trunk or PBX calling in (tests 5070-5072, bench 5075). */
export const SIPP_PORTS = [5070, 5071, 5072, 5073, 5074, 5075, 5076, 5077, 5078, 5079];

/**
 * The trust settings of ringside-local.cfg. Trusted peers are address AND port: only the
 * sipp ports and the trunk port on 127.0.0.1 are trusted, so any other loopback socket (an
 * attacker's, with a random port) is a stranger.
 */
export interface StackSettings {
  trunkPort: number;
  trustedPorts: number[];
  pstnUsers: string[];
  networkHeaders: string;
  flood: { limit: number; windowSeconds: number; banSeconds: number };
  maxMessageBytes: number;
  /** Verbatim contents for the trusted-peers file and the PSTN table, instead of the ones made from the ports and users above. */
  files?: { trustedPeers: string; pstnUsers: string };
}

export const interopSettings: StackSettings = {
  trunkPort: TRUNK_PORT,
  trustedPorts: [...SIPP_PORTS, TRUNK_PORT],
  pstnUsers: ['1001'],
  networkHeaders: 'X-Account-Id|X-Campaign',
  // High enough that the browser suite and the bench (one IP for every phone) never hit it.
  flood: { limit: 5000, windowSeconds: 10, banSeconds: 60 },
  maxMessageBytes: 12288,
};

function localConfig(dir: string, ports: StackPorts, widgetOrigin: string, settings: StackSettings): string {
  return [
    `#!substdef "!SIP_DOMAIN!${INTEROP_DOMAIN}!g"`,
    `#!substdef "!LISTEN_IP!${HOST}!g"`,
    `#!substdef "!ADVERTISED_IP!${HOST}!g"`,
    `#!substdef "!SIP_PORT!${ports.sip}!g"`,
    `#!substdef "!WS_PORT!${ports.ws}!g"`,
    `#!substdef "!WSS_PORT!${ports.ws + 1}!g"`,
    `#!substdef "!AUTHEPH_SECRET!${INTEROP_SECRET}!g"`,
    `#!substdef "!RTPENGINE_SOCK!udp:${HOST}:${ports.ng}!g"`,
    `#!substdef "!TRUSTED_ADDRESS_FILE!${join(dir, 'trusted-peers.list')}!g"`,
    `#!substdef "!PSTN_USERS_DIR!${join(dir, 'pstn')}!g"`,
    `#!substdef "!NETWORK_HEADERS!${settings.networkHeaders}!g"`,
    `#!substdef "!FLOOD_LIMIT!${settings.flood.limit}!g"`,
    `#!substdef "!FLOOD_WINDOW!${settings.flood.windowSeconds}!g"`,
    `#!substdef "!FLOOD_BAN_TIME!${settings.flood.banSeconds}!g"`,
    `#!substdef "!MAX_MSG_SIZE!${settings.maxMessageBytes}!g"`,
    `#!substdef "!TRUNK_URI!sip:${HOST}:${settings.trunkPort}!g"`,
    `#!substdef "!WS_ORIGIN!${widgetOrigin}!g"`,
    `#!substdef "!CTL_SOCKET!unix:${join(dir, 'kamailio_ctl')}!g"`,
    `#!substdef "!LOG_LEVEL!${process.env.RINGSIDE_KAMAILIO_DEBUG ?? '1'}!g"`,
    '#!define WITH_TLS',
    `#!substdef "!TLS_CONFIG!${join(dir, 'tls.cfg')}!g"`,
    '',
  ].join('\n');
}

/** The trusted-peers address file and the PSTN users' db_text table, as a deployer writes them. */
function trustFiles(dir: string, settings: StackSettings): void {
  const peers = settings.trustedPorts.map((port) => `1 ${HOST} 32 ${port}\n`).join('');
  const users = ['user(str) allowed(int)', ...settings.pstnUsers.map((user) => `${user}:1`), ''].join('\n');
  writeFileSync(join(dir, 'trusted-peers.list'), settings.files?.trustedPeers ?? peers);
  mkdirSync(join(dir, 'pstn'));
  writeFileSync(join(dir, 'pstn', 'pstn_users'), settings.files?.pstnUsers ?? users);
}

/** A self-signed certificate for wss:// on loopback (the browser runs with --ignore-certificate-errors). */
function tlsFiles(dir: string): void {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  if (made.status !== 0) throw new Error('openssl could not make a test certificate');
  writeFileSync(
    join(dir, 'tls.cfg'),
    ['[server:default]', 'method = TLSv1.2+', 'verify_certificate = no', 'require_certificate = no', `certificate = ${cert}`, `private_key = ${key}`, ''].join('\n'),
  );
}

/** Resolves when Kamailio answers a keep-alive OPTIONS on its UDP port. */
export async function waitForSip(port: number, timeoutMs = 10000): Promise<number> {
  const socket = createSocket('udp4');
  const startedAt = performance.now();
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no SIP answer on ${port} within ${timeoutMs} ms`)), timeoutMs);
      socket.on('message', (data) => {
        if (data.toString().startsWith('SIP/2.0 200')) {
          clearTimeout(timer);
          resolve();
        }
      });
      socket.bind(0, HOST, () => {
        const { port: local } = socket.address();
        const ping = () => {
          const branch = `z9hG4bK${Math.random().toString(36).slice(2)}`;
          const options = [
            `OPTIONS sip:${HOST}:${port} SIP/2.0`,
            `Via: SIP/2.0/UDP ${HOST}:${local};branch=${branch};rport`,
            'Max-Forwards: 70',
            `From: <sip:probe@${HOST}>;tag=probe`,
            `To: <sip:${HOST}:${port}>`,
            `Call-ID: probe-${branch}`,
            'CSeq: 1 OPTIONS',
            'Content-Length: 0',
            '',
            '',
          ].join('\r\n');
          socket.send(options, port, HOST);
        };
        ping();
        const again = setInterval(ping, 2);
        socket.once('message', () => clearInterval(again));
        setTimeout(() => clearInterval(again), timeoutMs);
      });
    });
  } finally {
    socket.close();
  }
  return performance.now() - startedAt;
}

export class InteropStack {
  readonly dir: string;
  readonly ports: StackPorts;
  readonly settings: StackSettings;
  kamailio: ChildProcess | null = null;
  rtpengine: ChildProcess | null = null;
  readonly logs: string[] = [];

  constructor(widgetOrigin: string, ports: StackPorts = interopPorts, settings: StackSettings = interopSettings) {
    this.ports = ports;
    this.settings = settings;
    this.dir = mkdtempSync(join(tmpdir(), 'ringside-interop-'));
    const deploy = fileURLToPath(new URL('../../deploy/kamailio/', import.meta.url));
    copyFileSync(join(deploy, 'kamailio.cfg'), join(this.dir, 'kamailio.cfg'));
    writeFileSync(join(this.dir, 'ringside-local.cfg'), localConfig(this.dir, ports, widgetOrigin, settings));
    trustFiles(this.dir, settings);
    tlsFiles(this.dir);
  }

  get wsUrl(): string {
    return `ws://${HOST}:${this.ports.ws}`;
  }

  get wssUrl(): string {
    return `wss://${HOST}:${this.ports.ws + 1}`;
  }

  async start(): Promise<void> {
    await this.startRtpengine();
    await this.startKamailio();
  }

  async startRtpengine(): Promise<void> {
    const { ng, rtpMin, rtpMax } = this.ports;
    this.rtpengine = this.#spawn('rtpengine', [
      '--config-file=none', '--table=-1', `--interface=${HOST}`, `--listen-ng=${HOST}:${ng}`,
      `--port-min=${rtpMin}`, `--port-max=${rtpMax}`, '--foreground', '--log-stderr', '--num-threads=2',
      '--delete-delay=0', `--pidfile=${join(this.dir, 'rtpengine.pid')}`, '--log-level=5',
    ]);
    await waitForNg(ng);
  }

  /** Starts Kamailio; resolves with the milliseconds from spawn to answering SIP. */
  async startKamailio(): Promise<number> {
    const t0 = performance.now();
    const cfg = join(this.dir, 'kamailio.cfg');
    const logsBefore = this.logs.length;
    const child = this.#spawn('kamailio', ['-f', cfg, '-Y', this.dir, '-P', join(this.dir, 'kamailio.pid'), '-DD', '-E', '-m', '64', '-M', '8']);
    this.kamailio = child;
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`kamailio exited (${code}) before answering:\n${this.logs.slice(logsBefore).join('\n').slice(-3000)}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([waitForSip(this.ports.sip), exited]);
    return performance.now() - t0;
  }

  /** Stops Kamailio; resolves once its worker processes have let go of its ports too. */
  async stopKamailio(): Promise<void> {
    await stopChild(this.kamailio);
    this.kamailio = null;
    await Promise.all([waitForTcpPortFree(this.ports.sip), waitForTcpPortFree(this.ports.ws), waitForTcpPortFree(this.ports.ws + 1)]);
  }

  /** Stops the daemons and anything else the suite started (sipp runs still going). */
  async stop(): Promise<void> {
    await Promise.all([stopChild(this.kamailio), stopChild(this.rtpengine)]);
    await stopAllTracked();
    this.kamailio = null;
    this.rtpengine = null;
    rmSync(this.dir, { recursive: true, force: true });
  }

  #spawn(command: string, args: string[]): ChildProcess {
    const child = spawnTracked(command, args);
    const keep = (data: Buffer) => {
      this.logs.push(`${command}: ${data.toString().trimEnd()}`);
      if (this.logs.length > 2000) this.logs.splice(0, 500);
      if (process.env.RINGSIDE_INTEROP_LOG) process.stderr.write(`${command}: ${data}`);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  }
}

async function waitForTcpPortFree(port: number, timeoutMs = 10000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, HOST, () => probe.close(() => resolve(true)));
    });
    if (free) return;
    if (Date.now() - started > timeoutMs) throw new Error(`port ${port} still busy after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves when rtpengine answers an ng `ping`. */
async function waitForNg(port: number, timeoutMs = 10000): Promise<void> {
  const socket = createSocket('udp4');
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`rtpengine did not answer on ${port}`)), timeoutMs);
      socket.on('message', (data) => {
        if (data.toString().includes('pong')) {
          clearTimeout(timer);
          resolve();
        }
      });
      const ping = () => socket.send('probe d7:command4:pinge', port, HOST);
      const again = setInterval(ping, 50);
      socket.once('message', () => clearInterval(again));
      ping();
    });
  } finally {
    socket.close();
  }
}
