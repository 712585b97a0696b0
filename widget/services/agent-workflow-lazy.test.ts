import { expect } from '@open-wc/testing';
import type { EventDataMap, EventName } from '../../src/protocol/index.js';
import { FakePhone, memoryStorage } from '../testing/fake-phone.js';
import * as wrapUp from './wrap-up.js';
import * as statistics from './agent-statistics.js';
import { AgentWorkflow } from './agent-workflow.js';
import { ManualClock } from './clock.js';
import { defaultPhoneSettings, type PhoneSettings } from './session-client.js';

/**
 * After-call work and the statistics are loaded lazily: here their loads are held back, and
 * whatever happens before they arrive (calls answered and ended, state changes, a status
 * asked for) must come out as if they had been there all along, while the agent state and
 * the screening of inbound calls never wait for them.
 */
type Emitted = { [N in EventName]: { name: N; data: EventDataMap[N] } }[EventName];

/** A module load the test lets through when it wants; counts how often it was asked for. */
function heldBack<T>(module: T) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const load = { asked: 0, release: () => release(), load: () => (load.asked++, gate.then(() => module)) };
  return load;
}

/** Lets promise callbacks and the loads released run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const acwOn: Partial<PhoneSettings> = { afterCallWork: { enabled: true, maxSeconds: 30, requireDisposition: false } };

function setupTest({ settings = acwOn, session = memoryStorage(), local = memoryStorage(), clock = new ManualClock(), begin = true } = {}) {
  const phone = new FakePhone(() => clock.now());
  const events: Emitted[] = [];
  const acw = heldBack(wrapUp);
  const stats = heldBack(statistics);
  const phoneSettings: PhoneSettings = { ...defaultPhoneSettings, ...settings };
  const workflow = new AgentWorkflow(
    {
      clock,
      settings: phoneSettings,
      get calls() {
        return phone.calls;
      },
      currentCallId: () => phone.calls.find((c) => c.state !== 'ringing' && !c.held)?.callId,
      emit: (name, data) => events.push({ name, data } as Emitted),
      changed: () => undefined,
    },
    { session, local },
    { afterCallWork: acw.load, statistics: stats.load },
  );
  phone.subscribe((change) => workflow.phoneChanged(change));
  phone.register();
  if (begin) workflow.begin('1001', 'login-1');
  const names = () => events.map((e) => (e.name === 'OnAgentStateChanged' ? `state:${e.data.state}` : e.name));
  const agent = { userId: '1001', extension: '1001', displayName: 'Alice Agent' };
  const status = () => workflow.agentStatus(agent, true, 'example.com', false);
  return { phone, clock, workflow, events, names, acw, stats, status, session, local };
}

describe('AgentWorkflow with its parts loading lazily', () => {
  it("after-call work whose code cannot load: the agent's choice of state still applies, at once the next time", async () => {
    // Each failed load is reported to the page (an uncaught error): expected here, and only here.
    const original = window.onerror;
    const reported: string[] = [];
    window.onerror = (message, ...rest) => (/Failed to fetch dynamically imported module/.test(String(message)) ? (reported.push(String(message)), true) : original?.call(window, message, ...rest));
    try {
      await cannotLoadAfterCallWork();
    } finally {
      await settle();
      window.onerror = original;
    }
    expect(reported.length).to.be.greaterThan(0);
  });

  async function cannotLoadAfterCallWork(): Promise<void> {
    const clock = new ManualClock();
    const phone = new FakePhone(() => clock.now());
    const workflow = new AgentWorkflow(
      { clock, settings: { ...defaultPhoneSettings, ...acwOn }, get calls() { return phone.calls; }, currentCallId: () => undefined, emit: () => undefined, changed: () => undefined },
      { session: memoryStorage(), local: memoryStorage() },
      { afterCallWork: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')), statistics: () => statistics },
    );
    phone.subscribe((change) => workflow.phoneChanged(change));
    phone.register();
    workflow.begin('1001', 'login-1');
    const call = phone.ring('2001');
    await phone.answer(call.callId);
    phone.farEndHangsUp(call.callId);
    await settle();
    expect(workflow.state.state).to.equal('after_call_work');

    workflow.setState('ready', '', 'agent');
    await settle();
    expect(workflow.state.state).to.equal('ready');

    // The host is not stuck either: its wait for the wrap-up fails, and the state applies at once.
    const second = phone.ring('2002');
    await phone.answer(second.callId);
    phone.farEndHangsUp(second.callId);
    await settle();
    expect(workflow.state.state).to.equal('after_call_work');
    let waited = 'resolved';
    await workflow.settled().catch(() => (waited = 'failed'));
    expect(waited).to.equal('failed');
    expect(workflow.setState('dnd', '', 'host').state).to.equal('dnd');
  }


  it('loads neither part to log in: the statistics start loading without holding the login up, after-call work waits for an answered call', async () => {
    const { workflow, acw, stats, phone } = setupTest();

    expect(stats.asked).to.equal(1);
    expect(acw.asked).to.equal(0);
    expect(workflow.state.state).to.equal('ready');
    const ringing = phone.ring('2001');
    await settle();
    expect(acw.asked).to.equal(0);
    await phone.answer(ringing.callId);
    expect(acw.asked).to.equal(1);
  });

  it('a call answered and ended before after-call work loaded: after-call work at once (calls screened by it), the wrap-up of that call, as of its hang-up, once loaded', async () => {
    const { workflow, phone, clock, acw, names, events } = setupTest();
    const call = phone.ring('2001', { name: 'Bob Customer' });
    await phone.answer(call.callId);
    workflow.draftNotes('wants a quote', call.callId);
    clock.advance(20_000);
    phone.farEndHangsUp(call.callId);
    const hungUpAt = clock.now();

    expect(workflow.state.state).to.equal('after_call_work');
    expect(workflow.screen({ queue: 'Support' })).to.equal(defaultPhoneSettings.notReadyRejectStatus);
    expect(workflow.afterCallWork).to.equal(null);
    expect(names()).to.deep.equal(['state:after_call_work', 'OnNotready']);

    clock.advance(5000);
    acw.release();
    await settle();

    expect(workflow.afterCallWork).to.deep.include({ callId: call.callId, notes: 'wants a quote', startedAt: hungUpAt, deadline: hungUpAt + 30_000 });
    expect(names()).to.deep.equal(['state:after_call_work', 'OnNotready', 'OnAfterCallWorkStarted']);
    const started = events.find((e) => e.name === 'OnAfterCallWorkStarted')?.data as EventDataMap['OnAfterCallWorkStarted'];
    expect(started.afterCallWork.call?.remoteName).to.equal('Bob Customer');
    // Its timer counts from the hang-up: 25 s more and it ends by itself.
    clock.advance(25_000);
    expect(workflow.afterCallWork).to.equal(null);
    expect(workflow.state.state).to.equal('ready');
    expect(events.at(-3)).to.deep.equal({ name: 'OnAfterCallWorkEnded', data: { callId: call.callId, disposition: '', notes: 'wants a quote', endedBy: 'timeout' } });
  });

  it('two answered calls ended before it loaded: the first wrap-up ends as it stands when the second starts, in order', async () => {
    const { workflow, phone, acw, events } = setupTest();
    const first = phone.ring('2001');
    await phone.answer(first.callId);
    phone.farEndHangsUp(first.callId);
    const second = phone.ring('2002');
    await phone.answer(second.callId);
    phone.farEndHangsUp(second.callId);

    acw.release();
    await settle();

    const wrapUps = events.filter((e) => e.name.startsWith('OnAfterCallWork')).map((e) => `${e.name}:${(e.data as { callId?: string }).callId ?? (e.data as EventDataMap['OnAfterCallWorkStarted']).afterCallWork.callId}`);
    expect(wrapUps).to.deep.equal([`OnAfterCallWorkStarted:${first.callId}`, `OnAfterCallWorkEnded:${first.callId}`, `OnAfterCallWorkStarted:${second.callId}`]);
    expect(workflow.afterCallWork?.callId).to.equal(second.callId);
    expect(workflow.state.state).to.equal('after_call_work');
  });

  it('the agent choosing a state while the wrap-up loads ends it once it is there; the host awaits it and gets the answer', async () => {
    const { workflow, phone, acw, names } = setupTest();
    const call = phone.ring('2001');
    await phone.answer(call.callId);
    phone.farEndHangsUp(call.callId);

    expect(workflow.setState('not_ready', 'lunch', 'agent').state).to.equal('after_call_work');
    let settled = false;
    void workflow.settled().then(() => (settled = true));
    await settle();
    expect(settled).to.equal(false);

    acw.release();
    await settle();

    expect(settled).to.equal(true);
    expect(workflow.state).to.include({ state: 'not_ready', reason: 'lunch' });
    expect(names().slice(-4)).to.deep.equal(['OnAfterCallWorkStarted', 'OnAfterCallWorkEnded', 'state:not_ready', 'OnNotready']);
  });

  it('a refused choice while it loads (a required disposition) leaves the wrap-up open, asking for it', async () => {
    const { workflow, phone, acw } = setupTest({ settings: { afterCallWork: { enabled: true, maxSeconds: 0, requireDisposition: true } } });
    const call = phone.ring('2001');
    await phone.answer(call.callId);
    phone.farEndHangsUp(call.callId);
    workflow.setState('ready', '', 'agent');

    acw.release();
    await settle();

    expect(workflow.afterCallWork?.callId).to.equal(call.callId);
    expect(workflow.state.state).to.equal('after_call_work');
  });

  it('counts every call and state change from the login on, though the statistics loaded later; a status asked early waits for them', async () => {
    const { workflow, phone, clock, stats, status } = setupTest({ settings: { afterCallWork: { enabled: false, maxSeconds: 0, requireDisposition: false } } });
    const call = phone.ring('2001');
    clock.advance(3000);
    await phone.answer(call.callId);
    clock.advance(40_000);
    phone.farEndHangsUp(call.callId);
    phone.farEndHangsUp(phone.ring('2002').callId);
    workflow.setState('not_ready', 'lunch', 'agent');
    clock.advance(60_000);
    workflow.setState('ready', '', 'agent');
    clock.advance(10_000);

    let answer: Awaited<ReturnType<typeof status>> | null = null;
    const asked = status().then((s) => (answer = s));
    await settle();
    expect(answer).to.equal(null);
    // Things after the question do not change its answer.
    clock.advance(5000);
    const later = phone.ring('2003');
    stats.release();
    await asked;

    expect(answer).to.deep.include({ INBOUND: 2, OUTBOUND: 0, ANSWERED: 1, TALKDURATION: 40, busy: 43, NOTREADYDURATION: 60, LOGINDURATION: 113, agentState: 'ready' });
    expect(await status()).to.deep.include({ INBOUND: 3, LOGINDURATION: 118 });
    phone.farEndHangsUp(later.callId);
  });

  it('a reload in the middle of a wrap-up: after-call work at once, screening by it, and the wrap-up back as soon as it loads', async () => {
    const session = memoryStorage();
    const local = memoryStorage();
    const clock = new ManualClock();
    const before = setupTest({ session, local, clock });
    const call = before.phone.ring('2001');
    await before.phone.answer(call.callId);
    before.acw.release();
    await settle();
    before.workflow.draftNotes('call back', call.callId);
    before.phone.farEndHangsUp(call.callId);
    clock.advance(5000);

    const after = setupTest({ session, local, clock });

    expect(after.acw.asked).to.equal(1);
    expect(after.workflow.state.state).to.equal('after_call_work');
    expect(after.workflow.screen({ queue: 'Support' })).to.not.equal(null);
    after.acw.release();
    await settle();
    expect(after.workflow.afterCallWork).to.deep.include({ callId: call.callId, notes: 'call back' });
    expect(after.events.map((e) => e.name)).to.not.include('OnAfterCallWorkStarted');
  });

  it('logs out without loading after-call work it never needed, forgetting what a reload kept', async () => {
    const session = memoryStorage();
    session.setItem('ringside.after-call-work.1001', JSON.stringify({ login: 'old-login', current: null, notes: { c1: 'x' }, overdue: false, next: { state: 'ready', reason: '' } }));
    const { workflow, acw } = setupTest({ session });

    workflow.end();
    await settle();

    expect(acw.asked).to.equal(0);
    expect(session.getItem('ringside.after-call-work.1001')).to.equal(null);
  });
});
