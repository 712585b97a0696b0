import { expect } from '@open-wc/testing';
import type { RingsideEvent } from '../../src/index.js';
import { mintToken, mountPhone, unmountAll } from '../support/phone.js';

interface Received {
  type: string;
  id?: string;
  ok?: boolean;
  name?: string;
  error?: { code: string; message: string; retryAfter?: number };
  data?: Record<string, unknown>;
}

const postJson = (path: string, body: unknown) =>
  fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function until<T>(find: () => T | undefined, what: string, timeoutMs = 15000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A widget page on this page's own origin: it shares this tab's sessionStorage with the
 * test, so the test reads exactly what the widget leaves there. It talks to this page over
 * the window channel (this origin is an allowed host).
 */
async function sameOriginWidget(query: string) {
  const frame = document.createElement('iframe');
  frame.src = `/widget/${query}`;
  const received: Received[] = [];
  const onMessage = (event: MessageEvent) => {
    if (event.source === frame.contentWindow) received.push(event.data as Received);
  };
  window.addEventListener('message', onMessage);
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  return {
    frame,
    received,
    waitFor: (match: (m: Received) => boolean, what: string) => until(() => received.find(match), what),
    act: (name: string, id: string) => frame.contentWindow!.postMessage({ type: 'action', group: 'agent', name, id }, location.origin),
    remove: () => {
      frame.remove();
      window.removeEventListener('message', onMessage);
    },
  };
}

const storedEntries = () => Array.from({ length: sessionStorage.length }, (_, i) => [sessionStorage.key(i)!, sessionStorage.getItem(sessionStorage.key(i)!) ?? ''] as const);

describe('login tokens, renew tokens and logout', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    unmountAll();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('refuses a login token that was already used with token_reused, as a coded host event', async () => {
    // Arrange: someone else already exchanged this token for a session.
    const token = await mintToken('1002');
    expect((await postJson('/api/session', { token })).status).to.equal(200);

    // Act
    const { phone, log } = await mountPhone('1002', { token, waitRegistered: false });
    const typed = new Promise<RingsideEvent<'OnLoginFailed'>>((resolve) => phone.addEventListener('ringside-login-failed', resolve, { once: true }));
    const failed = (await log.next('OnLoginFailed')) as RingsideEvent<'OnLoginFailed'>;

    // Assert
    expect(failed.data.error.code).to.equal('token_reused');
    expect((await typed).data.error.code).to.equal('token_reused');
    expect(log.names()).not.to.include('OnLogin');
  });

  it('after logout sessionStorage holds no caller number or name and no renew token, and the server refuses that renew token', async () => {
    // Arrange: the agent's phone takes a ringing call from a customer, then it ends.
    const customer = await mountPhone('2001');
    const agent = await sameOriginWidget(`?token=${encodeURIComponent(await mintToken('1001'))}`);
    await agent.waitFor((m) => m.name === 'OnRegistrationChanged' && m.data?.state === 'registered', 'registration');
    await customer.phone.dial('1001');
    const ringing = await agent.waitFor((m) => m.name === 'OnIncomingCallRinging', 'ringing call');
    const { remoteNumber, remoteName } = ringing.data!.call as { remoteNumber: string; remoteName: string };
    await customer.phone.hangUp();
    await agent.waitFor((m) => m.name === 'OnAgentRingNoAnswer', 'end of the ringing');
    const renewEntry = storedEntries().find(([key]) => key.startsWith('ringside.renew:'));
    expect(renewEntry, 'the widget keeps its renew token for reloads').to.not.equal(undefined);
    const logoutRequests: Promise<Response>[] = [];
    const widgetWindow = agent.frame.contentWindow as Window & typeof globalThis;
    const realFetch = widgetWindow.fetch.bind(widgetWindow);
    widgetWindow.fetch = (input, init) => {
      const response = realFetch(input, init);
      if (String(input).endsWith('/api/logout')) logoutRequests.push(response);
      return response;
    };

    // Act: log out, then the widget page goes away (the moment it used to save its event log).
    agent.act('logout', 'bye');
    expect((await agent.waitFor((m) => m.id === 'bye', 'logout result')).ok).to.equal(true);
    const revoked = await until(() => logoutRequests[0], 'logout request');
    agent.remove();

    // Assert
    expect(remoteNumber).to.match(/\d/);
    expect(remoteName).to.not.equal('');
    const number = new RegExp(`\\b${remoteNumber.replace(/[^\w]/g, '\\$&')}\\b`);
    const leaks = storedEntries().filter(([key, value]) => number.test(value) || value.includes(remoteName) || key.startsWith('ringside.renew:') || key.startsWith('ringside.events:'));
    expect(leaks).to.deep.equal([]);
    expect((await revoked).status).to.equal(200);
    const reuse = await postJson('/api/session', { renewToken: renewEntry![1] });
    expect(reuse.status).to.equal(401);
    expect(((await reuse.json()) as { error: { code: string } }).error.code).to.equal('session_revoked');
  });

  it('tells the host rate_limited with the seconds to wait when the account is locked out', async () => {
    // Arrange: a widget with no credentials yet, and an account locked by failed passwords.
    const widget = await sameOriginWidget('');
    const account = `locked-${Date.now().toString(36)}`;
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 429; attempt++) status = (await postJson('/api/session', { usercode: account, clearpassword: 'wrong' })).status;
    expect(status).to.equal(429);

    // Act: the host hands the widget that account's credentials.
    const channel = new MessageChannel();
    const received: Received[] = [];
    channel.port1.onmessage = (event) => received.push(event.data as Received);
    widget.frame.contentWindow!.postMessage({ ns: 'ringside', type: 'hello', v: 1, usercode: account, clearpassword: 'wrong' }, location.origin, [channel.port2]);
    const failed = await until(() => received.find((m) => m.name === 'OnLoginFailed'), 'OnLoginFailed');

    // Assert
    expect(failed.data!.error).to.deep.include({ code: 'rate_limited' });
    expect((failed.data!.error as { retryAfter?: number }).retryAfter).to.be.a('number').and.at.least(1);
    channel.port1.close();
    widget.remove();
  });
});
