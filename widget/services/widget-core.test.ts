import { expect, waitUntil } from '@open-wc/testing';
import { ErrorCode, type ActionDataMap, type ActionMessage, type ActionName } from '../../src/protocol/index.js';
import { fakeCore, memoryStorage } from '../testing/fake-phone.js';
import { ManualClock } from './clock.js';
import type { SipConfig } from './phone-types.js';
import type { WidgetCore } from './widget-core.js';

/**
 * The widget core on a fake phone and a hand-moved clock: the agent state as host and screen
 * see it, across a reload and a logout, and the notices and errors the screen shows. The
 * session API is a stubbed `fetch` whose sessions belong to the user named by the token.
 */
const perform = <N extends ActionName>(core: WidgetCore, name: N, data?: ActionDataMap[N]) => core.perform({ type: 'action', group: 'agent', name, data } as ActionMessage);

interface Sent {
  path: string;
  body: Record<string, unknown>;
}

/** Replaces `fetch` with the session API's edge; `restore()` puts the real one back. */
function sessionApi(tenantPhone?: Record<string, unknown>) {
  const real = globalThis.fetch;
  const sent: Sent[] = [];
  let renewals = 0;
  let sessions = 0;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    sent.push({ path, body });
    if (path === '/api/logout') return Response.json({ ok: true });
    // A token names its user; a renew token is `<user>:<n>`.
    const userId = String(body.token ?? body.renewToken).split(':')[0];
    // Renew tokens carry their server-side session (`sid`) as the real ones do: the same across renewals.
    const previous = typeof body.renewToken === 'string' ? body.renewToken.split('.')[1] : undefined;
    const sid = previous ? (JSON.parse(atob(previous)) as { sid: string }).sid : `session-${++sessions}`;
    return Response.json({
      agent: { userId, extension: userId, displayName: `Agent ${userId}` },
      sip: { wsUrl: 'wss://sip.example.com', domain: 'example.com', username: userId, password: 'p', expiresAt: Math.floor(Date.now() / 1000) + 3600 },
      tenant: { id: 'tn_test', allowedOrigins: ['https://crm.example.com'], ...(tenantPhone ? { phone: tenantPhone } : {}) },
      renewToken: `${userId}:${++renewals}.${btoa(JSON.stringify({ sid }))}.signature`,
      renewBy: Math.floor(Date.now() / 1000) + 3600,
    });
  };
  return { sent, restore: () => void (globalThis.fetch = real) };
}

/** A core logged in as `user` and registered, on `storage` (the tab's sessionStorage). */
async function loggedIn(user: string, storage: Storage, clock: ManualClock) {
  const widget = fakeCore({ storage, clock });
  await widget.core.login({ token: user });
  widget.phone.register();
  return widget;
}

describe('WidgetCore agent state', () => {
  let api: ReturnType<typeof sessionApi>;
  const cores: WidgetCore[] = [];
  beforeEach(() => (api = sessionApi()));
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.stop();
    api.restore();
  });

  it('is not ready with the reason, since the clock time it was set, and ready again', async () => {
    const clock = new ManualClock();
    const { core } = await loggedIn('1001', memoryStorage(), clock);
    cores.push(core);
    clock.advance(90_000);

    const result = await perform(core, 'notReady', { reason: 'lunch' });

    expect(result).to.deep.equal({ ready: false, reason: 'lunch' });
    expect((await core.status()).agent).to.include({ ready: false, notReadyReason: 'lunch' });
    expect(core.snapshot().agentState).to.deep.equal({ state: 'not_ready', ready: false, reason: 'lunch', since: clock.now() });

    clock.advance(60_000);
    await perform(core, 'ready');

    expect((await core.status()).agent).to.include({ ready: true }).and.not.to.have.property('notReadyReason');
    expect(core.snapshot().agentState).to.deep.equal({ state: 'ready', ready: true, reason: '', since: clock.now() });
  });

  it('answers host actions on a wrap-up still loading: a call hung up the moment it connected is wrapped up, counted and submitted', async () => {
    const clock = new ManualClock();
    const { core, phone } = await loggedIn('1001', memoryStorage(), clock);
    cores.push(core);
    const call = await phone.dial('2002');
    phone.farEndAnswers(call.callId);
    clock.advance(12_000);
    phone.farEndHangsUp(call.callId);
    // After-call work started loading at the answer and is not there yet; the agent state is.
    expect(core.snapshot().agentState.state).to.equal('after_call_work');
    expect(core.snapshot().afterCallWork).to.equal(null);

    const [open, status] = await Promise.all([perform(core, 'getAfterCallWork'), core.status()]);

    expect(open).to.have.nested.property('afterCallWork.callId', call.callId);
    expect(status.agent).to.include({ OUTBOUND: 1, ANSWERED: 1, TALKDURATION: 12, agentState: 'after_call_work' });
    expect(await perform(core, 'submitAfterCallWork', { nextState: 'not_ready', reason: 'lunch' })).to.have.nested.property('afterCallWork.callId', call.callId);
    expect(core.snapshot().agentState).to.include({ state: 'not_ready', reason: 'lunch' });
  });

  it('reads as not ready to the host while the phone is not registered, whatever the agent chose', async () => {
    const clock = new ManualClock();
    const { core, phone } = await loggedIn('1001', memoryStorage(), clock);
    cores.push(core);

    phone.drop();

    expect((await core.status()).agent).to.include({ ready: false, phoneAccess: false });
    expect((await core.status()).registration).to.equal('reconnecting');
  });

  it('survives a reload: a new core on the same storage, the same user logged in again', async () => {
    const storage = memoryStorage();
    const clock = new ManualClock();
    const before = await loggedIn('1001', storage, clock);
    cores.push(before.core);
    await perform(before.core, 'notReady', { reason: 'meeting' });
    const since = clock.now();
    await before.core.stop();
    clock.advance(5 * 60_000);

    const after = await loggedIn('1001', storage, clock);
    cores.push(after.core);

    expect(after.core.snapshot().agentState).to.deep.equal({ state: 'not_ready', ready: false, reason: 'meeting', since });
    expect((await after.core.status()).agent).to.include({ USERCODE: '1001', ready: false, notReadyReason: 'meeting' });
    expect(api.sent.map((s) => Object.keys(s.body)[0])).to.deep.equal(['token', 'renewToken']);
  });

  it('is not another user’s: a different agent in the same tab starts ready', async () => {
    const storage = memoryStorage();
    const clock = new ManualClock();
    const alice = await loggedIn('1001', storage, clock);
    await perform(alice.core, 'notReady', { reason: 'lunch' });
    await alice.core.stop();

    const bob = await loggedIn('1002', storage, clock);
    cores.push(bob.core);

    expect(bob.core.snapshot().agentState).to.include({ ready: true, reason: '' });
  });

  it('is forgotten on logout: the next login starts ready, from then', async () => {
    const storage = memoryStorage();
    const clock = new ManualClock();
    const first = await loggedIn('1001', storage, clock);
    await perform(first.core, 'notReady', { reason: 'lunch' });

    await perform(first.core, 'logout');
    await first.core.stop();
    clock.advance(60_000);
    const next = await loggedIn('1001', storage, clock);
    cores.push(next.core);

    expect(next.core.snapshot().agentState).to.deep.equal({ state: 'ready', ready: true, reason: '', since: clock.now() });
    expect(api.sent.map((s) => s.path)).to.deep.equal(['/api/session', '/api/logout', '/api/session']);
  });
});

describe('WidgetCore snapshot', () => {
  it('shows the registration error until the phone registers again', async () => {
    const { core, phone } = fakeCore();
    await phone.connect({ wsUrl: 'wss://sip.example.com', domain: 'example.com', user: '1001', displayName: 'A', username: 'u', password: 'p' });

    phone.fail();
    const failed = core.snapshot();
    phone.drop();
    const reconnecting = core.snapshot();
    phone.register();

    expect([failed.state, failed.error?.code]).to.deep.equal(['failed', ErrorCode.RegistrationFailed]);
    expect([reconnecting.state, reconnecting.error?.code]).to.deep.equal(['reconnecting', ErrorCode.RegistrationFailed]);
    expect([core.snapshot().state, core.snapshot().error]).to.deep.equal(['registered', null]);
  });

  it('keeps a media notice until it is dismissed or a call connects', async () => {
    const { core, phone } = fakeCore();
    await phone.connect({ wsUrl: 'wss://sip.example.com', domain: 'example.com', user: '1001', displayName: 'A', username: 'u', password: 'p' });
    phone.register();
    const ringing = phone.ring('2001');

    phone.mediaFails('The microphone is blocked', ringing.callId);
    expect(core.snapshot().notice).to.deep.equal({ code: ErrorCode.MediaUnavailable, message: 'The microphone is blocked' });
    core.dismissNotice();
    expect(core.snapshot().notice).to.equal(null);

    phone.mediaFails('The microphone is blocked', ringing.callId);
    await core.lines.answer(ringing.callId);
    expect(core.snapshot().notice).to.equal(null);
  });

  it('is the same object until something changes, and tells subscribers when it does', async () => {
    const { core, phone } = fakeCore();
    let told = 0;
    core.subscribe(() => (told += 1));
    const first = core.snapshot();

    expect(core.snapshot()).to.equal(first);
    await phone.connect({ wsUrl: 'wss://sip.example.com', domain: 'example.com', user: '1001', displayName: 'A', username: 'u', password: 'p' });

    expect(told).to.equal(1);
    expect(core.snapshot()).not.to.equal(first);
    expect(core.snapshot().state).to.equal('registering');
  });
});

describe('WidgetCore calls while the agent is not ready', () => {
  const screenOf = (phone: { commands: { name: string; args: unknown[] }[] }) => (phone.commands.find((c) => c.name === 'connect')!.args[0] as SipConfig).screen!;
  const cases: [string, Record<string, unknown> | undefined, boolean, string | undefined, 486 | 480 | null][] = [
    ['a ready agent gets every call', undefined, true, 'Support', null],
    ['not ready: a queue call is refused busy', undefined, false, 'Support', 486],
    ['not ready: a direct call rings', undefined, false, undefined, null],
    ['not ready, tenant says 480: a queue call is refused unavailable', { notReadyRejectStatus: 480 }, false, 'Support', 480],
    ['not ready, tenant refuses direct calls too', { notReadyDirectCalls: false }, false, undefined, 486],
  ];
  for (const [what, tenantPhone, ready, queue, expected] of cases) {
    it(what, async () => {
      const api = sessionApi(tenantPhone);
      try {
        const { core, phone } = await loggedIn('1001', memoryStorage(), new ManualClock());
        if (!ready) core.setAgentState('not_ready', 'lunch');
        expect(screenOf(phone)(queue ? { queue } : {})).to.equal(expected);
        await core.stop();
      } finally {
        api.restore();
      }
    });
  }
});

describe('WidgetCore: the phone’s own URL triggers', () => {
  it('loads its trigger part for a login that has triggers and no host that runs them, and not for one without', async () => {
    const agent = { userId: 'agent-7', extension: '1001', displayName: 'Grace Hopper' };
    const without = fakeCore().core;
    without.emit('OnLogin', { agent });
    expect(without.triggers.requested).to.equal(false);

    const { core } = fakeCore();
    core.emit('OnLogin', { agent, triggers: [{ event: 'login', url: 'https://crm.example.com/in', target: 'new' }] });

    expect(core.triggers.requested).to.equal(true);
    const part = await core.triggers.load();
    // The login it was loaded for reached it (the phone runs the trigger: it offers its window;
    // a framed test page waits up to 3 s from its start for a host's hello first).
    await waitUntil(() => part.offers.length === 1, 'the login trigger was not offered', { timeout: 5000 });
    expect(part.offers.map((o) => o.url)).to.deep.equal(['https://crm.example.com/in']);
  });
});
