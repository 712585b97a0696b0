import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { InteropStack, interopSettings, type StackPorts, type StackSettings } from '../stack.js';
import { SipPeer } from '../wire/peer.js';
import { RawPhone } from '../wire/phone.js';
import type { SipMessage } from '../wire/sip.js';

/**
 * The trust tests' own Kamailio + rtpengine, on ports of their own (the browser suite uses
 * 5080/8088/2223): the shipped kamailio.cfg, settings as a deployer writes them. On 127.0.0.1
 * only the fake trunk (TRUNK_URI) and a trusted caller port are trusted peers; every socket
 * an attacker opens gets a random port and is a stranger.
 */
export const PORTS: StackPorts = { sip: 5180, ws: 8188, ng: 2233, rtpMin: 30200, rtpMax: 30299 };
/** Where TRUNK_URI points: a UDP socket that records everything it receives. */
export const TRUNK_PORT = 5190;
/** A trusted trunk / PBX calling in. */
export const TRUSTED_CALLER_PORT = 5191;
/** The widget's origin, which Kamailio requires of WebSocket handshakes. */
export const ORIGIN = 'http://127.0.0.1:8000';
export const DOMAIN = 'ringside.test';
/** 1001 may call the PSTN; 1002 and 1003 may not. */
export const PSTN_USER = '1001';

export const trustSettings: StackSettings = {
  ...interopSettings,
  trunkPort: TRUNK_PORT,
  trustedPorts: [TRUNK_PORT, TRUSTED_CALLER_PORT],
  pstnUsers: [PSTN_USER],
  networkHeaders: 'X-Account-Id|X-Campaign',
};

/** Starts a stack for the calling test file (node:test before/after hooks). */
export function useStack(settings: Partial<StackSettings> = {}): { stack: () => InteropStack } {
  let stack: InteropStack | null = null;
  before(async () => {
    stack = new InteropStack(ORIGIN, PORTS, { ...trustSettings, ...settings });
    await stack.start();
  });
  after(async () => {
    await SipPeer.closeAll();
    await stack?.stop();
  });
  return {
    stack: () => {
      if (!stack) throw new Error('stack not started');
      return stack;
    },
  };
}

export const phone = (stack: InteropStack, user: string): Promise<RawPhone> => RawPhone.register(stack.wsUrl, ORIGIN, user);
export const trunk = (): Promise<SipPeer> => SipPeer.udp(PORTS.sip, TRUNK_PORT);
export const trustedCaller = (): Promise<SipPeer> => SipPeer.udp(PORTS.sip, TRUSTED_CALLER_PORT);
/** A stranger on UDP: 127.0.0.1 like the trusted peers, but a random port. */
export const stranger = (): Promise<SipPeer> => SipPeer.udp(PORTS.sip);
/** A WebSocket client that never authenticates. */
export const anonymousWs = (stack: InteropStack): Promise<SipPeer> => SipPeer.ws(stack.wsUrl, ORIGIN);

export const isInvite = (m: SipMessage): boolean => m.status === null && m.method === 'INVITE';
export const isRequest = (method: string) => (m: SipMessage): boolean => m.status === null && m.method === method;

/** Runs an RPC command over the stack's control socket, as an operator (or the session API) would. */
export function kamcmd(stack: InteropStack, ...args: string[]): string {
  const run = spawnSync('kamcmd', ['-s', `unix:${join(stack.dir, 'kamailio_ctl')}`, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`kamcmd ${args.join(' ')}: ${run.stderr}`);
  return run.stdout;
}

/** Lets anything Kamailio would relay arrive before a test says nothing did. */
export const SETTLE_MS = 300;
