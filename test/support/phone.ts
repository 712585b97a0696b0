import '../../src/index.js';
import type { EventName, RingsidePhone } from '../../src/index.js';
import type { RingsideEvent } from '../../src/element/events.js';

/** The widget lives on the other origin of the test server: a real cross-origin iframe. */
export const WIDGET_URL = 'http://127.0.0.1:8000/widget/';
export const API_KEY = 'test-api-key';

export async function mintToken(userId: string, ttlSeconds = 600): Promise<string> {
  const response = await fetch('/api/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ userId, ttlSeconds }),
  });
  if (!response.ok) throw new Error(`token for ${userId}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Records every event a phone emits, so tests can wait for one that may already be past. */
export class EventLog {
  readonly events: RingsideEvent[] = [];
  constructor(phone: RingsidePhone) {
    phone.addEventListener('ringside-event', (event) => this.events.push(event));
  }

  names(): EventName[] {
    return this.events.map((event) => event.name);
  }

  async next<N extends EventName>(name: N, after = 0, timeoutMs = 15000): Promise<RingsideEvent<N>> {
    const started = Date.now();
    for (;;) {
      const found = this.events.slice(after).find((event) => event.name === name);
      if (found) return found as RingsideEvent<N>;
      if (Date.now() - started > timeoutMs) throw new Error(`no ${name} within ${timeoutMs} ms; saw ${this.names().join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

export interface MountedPhone {
  phone: RingsidePhone;
  log: EventLog;
}

/** Mounts `<ringside-phone>` with a token for `userId`; resolves once it is registered. */
export async function mountPhone(
  userId: string,
  options: { token?: string; waitRegistered?: boolean; attributes?: Record<string, string> } = {},
): Promise<MountedPhone> {
  const phone = document.createElement('ringside-phone');
  for (const [name, value] of Object.entries(options.attributes ?? {})) phone.setAttribute(name, value);
  const log = new EventLog(phone);
  phone.token = options.token ?? (await mintToken(userId));
  phone.src = WIDGET_URL;
  document.body.append(phone);
  if (options.waitRegistered !== false) await waitForRegistration(log, 'registered');
  return { phone, log };
}

export async function waitForRegistration(log: EventLog, state: string, timeoutMs = 15000): Promise<void> {
  const started = Date.now();
  while (!log.events.some((e) => e.name === 'OnRegistrationChanged' && (e as RingsideEvent<'OnRegistrationChanged'>).data.state === state)) {
    if (Date.now() - started > timeoutMs) throw new Error(`registration never reached ${state}; saw ${log.names().join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Removes every phone and forgets the event sequence the elements remembered: test files
 * share a browser tab, and a test that is not about replay must not be handed the events
 * of another test's widget page (see replay.test.ts for that behaviour).
 */
export function unmountAll(): void {
  for (const phone of document.querySelectorAll('ringside-phone')) phone.remove();
  sessionStorage.clear();
}

sessionStorage.clear();

/** Polls `getCallStats` until audio bytes arrived in both directions, or fails. */
export async function waitForAudio(phone: RingsidePhone, timeoutMs = 10000): Promise<{ bytesReceived: number; bytesSent: number }> {
  const started = Date.now();
  for (;;) {
    const { calls } = await phone.getCallStats();
    const call = calls[0];
    if (call && call.bytesReceived > 0 && call.bytesSent > 0) return call;
    if (Date.now() - started > timeoutMs) throw new Error(`no audio within ${timeoutMs} ms: ${JSON.stringify(calls)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A phone whose widget window is on the test page's origin, so a test can reach into it. */
export type SameOriginPhone = MountedPhone & { widget: () => Window & typeof globalThis };

/** Mounts `<ringside-phone>` for `userId` with the widget on this page's origin; resolves once registered. */
export async function mountSameOriginPhone(userId: string): Promise<SameOriginPhone> {
  const phone = document.createElement('ringside-phone');
  const log = new EventLog(phone);
  phone.token = await mintToken(userId);
  phone.src = 'http://localhost:8000/widget/';
  document.body.append(phone);
  await waitForRegistration(log, 'registered');
  const widget = () => phone.shadowRoot!.querySelector('iframe')!.contentWindow as Window & typeof globalThis;
  return { phone, log, widget };
}
