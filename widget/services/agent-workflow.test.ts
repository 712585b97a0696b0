import { expect } from '@open-wc/testing';
import { ErrorCode, type EventDataMap, type EventName } from '../../src/protocol/index.js';
import { FakePhone, memoryStorage } from '../testing/fake-phone.js';
import * as wrapUp from './wrap-up.js';
import * as statistics from './agent-statistics.js';
import { AgentWorkflow, loginIdOf, type WorkflowParts } from './agent-workflow.js';
import { ManualClock } from './clock.js';
import { PhoneError } from './phone-types.js';
import { defaultPhoneSettings, type PhoneSettings } from './session-client.js';

/**
 * The contact-center workflow on a fake phone and a hand-moved clock: agent states and the
 * calls they refuse, after-call work (start, notes, disposition, timer, the state after it, a
 * reload in the middle), and what the host is told at each step.
 */
type Emitted = { [N in EventName]: { name: N; data: EventDataMap[N] } }[EventName];

/** After-call work and the statistics there from the start (agent-workflow-lazy.test.ts holds them back). */
const loaded: WorkflowParts = { afterCallWork: () => wrapUp, statistics: () => statistics };

function setupTest({ settings = {}, clock = new ManualClock(), session = memoryStorage(), local = memoryStorage(), login = 'login-1', parts = loaded }: { settings?: Partial<PhoneSettings>; clock?: ManualClock; session?: Storage; local?: Storage; login?: string; parts?: WorkflowParts } = {}) {
  const phone = new FakePhone(() => clock.now());
  const events: Emitted[] = [];
  let phoneSettings: PhoneSettings = { ...defaultPhoneSettings, ...settings };
  const workflow = new AgentWorkflow(
    {
      clock,
      get settings() {
        return phoneSettings;
      },
      get calls() {
        return phone.calls;
      },
      currentCallId: () => phone.calls.find((c) => c.state !== 'ringing' && !c.held)?.callId,
      emit: (name, data) => events.push({ name, data } as Emitted),
      changed: () => undefined,
    },
    { session, local },
    parts,
  );
  phone.subscribe((change) => workflow.phoneChanged(change));
  phone.register();
  workflow.begin('1001', login);
  const named = <N extends EventName>(name: N) => events.filter((e) => e.name === name).map((e) => e.data as EventDataMap[N]);
  const setSettings = (patch: Partial<PhoneSettings>) => (phoneSettings = { ...phoneSettings, ...patch });
  /** An inbound call answered, talked `seconds`, hung up by the caller. */
  async function talk(seconds: number, from = '2001', queue?: string) {
    const call = phone.ring(from, queue ? { queue } : {});
    await phone.answer(call.callId);
    clock.advance(seconds * 1000);
    phone.farEndHangsUp(call.callId);
    return call;
  }
  return { phone, clock, workflow, events, named, setSettings, talk, session, local };
}

const codeOf = (run: () => unknown): string => {
  try {
    run();
    return 'ok';
  } catch (error) {
    return error instanceof PhoneError ? error.error.code : `uncoded ${String(error)}`;
  }
};

const codeOfAsync = async (run: () => Promise<unknown>): Promise<string> => {
  try {
    await run();
    return 'ok';
  } catch (error) {
    return error instanceof PhoneError ? error.error.code : `uncoded ${String(error)}`;
  }
};

const acwOn = { afterCallWork: { enabled: true, maxSeconds: 30, requireDisposition: false } };
const required = { afterCallWork: { enabled: true, maxSeconds: 30, requireDisposition: true } };

describe('AgentWorkflow: agent states', () => {
  it('moves between ready, not ready, DND and back, telling the host each change once and OnReady/OnNotready as before', () => {
    const { workflow, clock, events } = setupTest();

    clock.advance(1000);
    workflow.setState('not_ready', 'lunch', 'host');
    workflow.setState('not_ready', 'lunch', 'host');
    clock.advance(1000);
    workflow.setState('dnd', '', 'agent');
    workflow.setState('ready', '', 'agent');

    expect(events.map((e) => (e.name === 'OnAgentStateChanged' ? `${e.data.state}:${e.data.reason}` : e.name))).to.deep.equal([
      'not_ready:lunch',
      'OnNotready',
      'OnNotready',
      'dnd:',
      'OnNotready',
      'ready:',
      'OnReady',
    ]);
    expect(events.filter((e) => e.name === 'OnNotready').map((e) => (e.data as { reason: string }).reason)).to.deep.equal(['lunch', 'lunch', 'DND']);
    expect(workflow.state).to.deep.include({ state: 'ready', since: clock.now() });
  });

  // [state, tenant settings, queue call?, expected answer]
  const screening: [string, Partial<PhoneSettings>, boolean, 486 | 480 | null][] = [
    ['ready', {}, true, null],
    ['not_ready', {}, true, 486],
    ['not_ready', {}, false, null],
    ['dnd', {}, true, 486],
    ['dnd', { notReadyRejectStatus: 480 }, true, 480],
    ['dnd', {}, false, null],
    ['dnd', { notReadyDirectCalls: false }, false, 486],
    ['after_call_work', {}, true, 486],
    ['after_call_work', { notReadyDirectCalls: false, notReadyRejectStatus: 480 }, false, 480],
  ];
  for (const [state, settings, queue, expected] of screening) {
    it(`${state} ${JSON.stringify(settings)}: a ${queue ? 'queue' : 'direct'} call gets ${expected ?? 'to ring'}`, async () => {
      const { workflow, talk } = setupTest({ settings: { ...acwOn, ...settings } });
      if (state === 'after_call_work') await talk(5);
      else if (state !== 'ready') workflow.setState(state as 'dnd' | 'not_ready', 'lunch', 'host');
      expect(workflow.state.state).to.equal(state);

      expect(workflow.screen(queue ? { queue: 'Support' } : {})).to.equal(expected);
    });
  }
});

describe('AgentWorkflow: after-call work', () => {
  it('starts when an answered call ends, with the notes typed during the call, and ends on the host’s submission', async () => {
    const { workflow, phone, clock, named, events } = setupTest({ settings: acwOn });
    const call = phone.ring('2001');
    await phone.answer(call.callId);
    expect(await workflow.saveNotes('wants a refund')).to.deep.equal({ callId: call.callId, notes: 'wants a refund' });
    clock.advance(20_000);
    phone.farEndHangsUp(call.callId);

    expect(workflow.state.state).to.equal('after_call_work');
    const [started] = named('OnAfterCallWorkStarted');
    expect(started?.afterCallWork).to.deep.include({ callId: call.callId, notes: 'wants a refund', disposition: '', requireDisposition: false, startedAt: clock.now(), deadline: clock.now() + 30_000 });
    expect(started?.afterCallWork.codes.map((c) => c.code)).to.deep.equal(['resolved', 'callback']);
    events.length = 0;

    const finished = workflow.submit({ disposition: 'resolved', notes: 'refund sent' }, 'host');

    expect(finished).to.deep.include({ callId: call.callId, disposition: 'resolved', notes: 'refund sent' });
    expect(events.map((e) => e.name)).to.deep.equal(['OnCallNotesSubmitted', 'OnAfterCallWorkEnded', 'OnAgentStateChanged', 'OnReady']);
    expect(named('OnAfterCallWorkEnded')).to.deep.equal([{ callId: call.callId, disposition: 'resolved', notes: 'refund sent', endedBy: 'host' }]);
    expect(named('OnCallNotesSubmitted')).to.deep.equal([{ callId: call.callId, notes: 'refund sent' }]);
    expect(workflow.state.state).to.equal('ready');
    expect(workflow.afterCallWork).to.equal(null);
  });

  it('does not start for a missed call, a cancelled outbound call, or when the tenant turned it off', async () => {
    const { workflow, phone, setSettings, talk } = setupTest({ settings: acwOn });
    phone.farEndHangsUp(phone.ring('2001').callId);
    const dialled = await phone.dial('3003');
    await phone.hangUp(dialled.callId);
    expect(workflow.state.state).to.equal('ready');

    setSettings({ afterCallWork: { enabled: false, maxSeconds: 30, requireDisposition: false } });
    await talk(10);
    expect(workflow.state.state).to.equal('ready');
  });

  it('does not start while another answered call is still up (the end of a consultation leg)', async () => {
    const { workflow, phone } = setupTest({ settings: acwOn });
    const caller = phone.ring('2001');
    await phone.answer(caller.callId);
    const consult = await phone.attendedTransfer(caller.callId, '3003');
    phone.farEndAnswers(consult.callId);

    phone.farEndHangsUp(consult.callId);
    expect(workflow.state.state).to.equal('ready');

    phone.farEndHangsUp(caller.callId);
    expect(workflow.afterCallWork?.callId).to.equal(caller.callId);
  });

  it('ends by itself when the wrap-up time runs out, on the one clock, which then stops ticking', async () => {
    const { workflow, clock, named, talk } = setupTest({ settings: acwOn });
    await talk(5);
    workflow.draftNotes('left a voicemail');
    expect(clock.needs).to.equal(1);

    clock.advance(29_000);
    expect(workflow.state.state).to.equal('after_call_work');
    clock.advance(1000);

    expect(workflow.state.state).to.equal('ready');
    expect(named('OnAfterCallWorkEnded')).to.deep.equal([{ callId: named('OnAfterCallWorkStarted')[0]!.afterCallWork.callId, disposition: '', notes: 'left a voicemail', endedBy: 'timeout' }]);
    expect(clock.needs).to.equal(0);
  });

  it('with a required disposition missing, stays in after-call work past the deadline, keeps the notes, and asks until one is chosen', async () => {
    const { workflow, clock, named, talk } = setupTest({ settings: required });
    const call = await talk(5);
    workflow.draftNotes('angry customer');
    clock.advance(31_000);

    expect(workflow.state.state).to.equal('after_call_work');
    expect(workflow.overdue).to.equal(true);
    expect(clock.needs).to.equal(0);
    expect(named('OnAfterCallWorkEnded')).to.deep.equal([]);

    expect(codeOf(() => workflow.submit({}, 'host'))).to.equal(ErrorCode.DispositionRequired);
    expect(codeOf(() => workflow.submit({ disposition: 'sale' }, 'host'))).to.equal(ErrorCode.UnknownDisposition);
    expect(codeOf(() => workflow.submit({ callId: 'call-99', disposition: 'resolved' }, 'host'))).to.equal(ErrorCode.NoAfterCallWork);
    expect(codeOf(() => workflow.setState('ready', '', 'agent'))).to.equal(ErrorCode.DispositionRequired);
    expect(workflow.afterCallWork).to.deep.include({ notes: 'angry customer', disposition: '' });

    workflow.chooseDisposition('callback');
    workflow.setState('dnd', '', 'agent');

    expect(named('OnAfterCallWorkEnded')).to.deep.equal([{ callId: call.callId, disposition: 'callback', notes: 'angry customer', endedBy: 'agent' }]);
    expect(workflow.state.state).to.equal('dnd');
  });

  it('returns to the state the agent chose, and by default to the not-ready state the agent was in before the call', async () => {
    const { workflow, talk } = setupTest({ settings: acwOn });
    await talk(5);
    workflow.chooseNext({ state: 'not_ready', reason: 'break' });
    workflow.submit({}, 'agent');
    expect(workflow.state).to.deep.include({ state: 'not_ready', reason: 'break' });

    // Not ready for lunch, a direct call rings (the tenant lets it) and is answered.
    workflow.setState('not_ready', 'lunch', 'agent');
    await talk(5);
    expect(workflow.next).to.deep.equal({ state: 'not_ready', reason: 'lunch' });
    workflow.submit({ nextState: 'ready' }, 'host');
    expect(workflow.state.state).to.equal('ready');
  });

  it('refuses notes for a call that is neither up nor wrapped up, and when there is no call at all', async () => {
    const { workflow, talk } = setupTest({ settings: acwOn });
    expect(await codeOfAsync(() => workflow.saveNotes('hello'))).to.equal(ErrorCode.NotAllowedNow);
    const call = await talk(5);

    expect(await codeOfAsync(() => workflow.saveNotes('hello', 'call-42'))).to.equal(ErrorCode.NoSuchCall);
    expect(await workflow.saveNotes('call back Monday')).to.deep.equal({ callId: call.callId, notes: 'call back Monday' });
    expect(workflow.afterCallWork?.notes).to.equal('call back Monday');
  });

  it('does not require a disposition when the tenant has no codes to choose from: the wrap-up still ends', async () => {
    const { workflow, clock, named, talk } = setupTest({ settings: { ...required, dispositionCodes: [] } });
    const call = await talk(5);
    expect(workflow.afterCallWork?.requireDisposition).to.equal(false);
    clock.advance(31_000);

    expect(workflow.state.state).to.equal('ready');
    expect(named('OnAfterCallWorkEnded')).to.deep.equal([{ callId: call.callId, disposition: '', notes: '', endedBy: 'timeout' }]);
  });

  it('comes back after a reload of the same login with its notes, disposition and deadline, and the timer running', async () => {
    const clock = new ManualClock();
    const session = memoryStorage();
    const local = memoryStorage();
    const before = setupTest({ settings: required, clock, session, local });
    await before.talk(5);
    before.workflow.chooseDisposition('callback');
    before.workflow.draftNotes('half written');
    const open = before.workflow.afterCallWork;
    clock.advance(10_000);

    const after = setupTest({ settings: required, clock, session, local });

    expect(after.workflow.state.state).to.equal('after_call_work');
    expect(after.workflow.afterCallWork).to.deep.equal(open);
    expect(clock.needs).to.equal(2); // the old page's tick is still registered in this test; the new one armed its own
    const another = setupTest({ settings: required, clock, session, local, login: 'login-2' });
    expect(another.workflow.afterCallWork).to.equal(null);
    expect(another.workflow.state.state).to.equal('ready');
  });

  it('a second answered call ending while the first is still wrapped up ends that wrap-up as it stands', async () => {
    const { workflow, named, talk } = setupTest({ settings: { ...acwOn, notReadyDirectCalls: true } });
    const first = await talk(5);
    workflow.draftNotes('first notes');
    const second = await talk(5, '2002');

    expect(named('OnAfterCallWorkEnded')).to.deep.equal([{ callId: first.callId, disposition: '', notes: 'first notes', endedBy: 'agent' }]);
    expect(workflow.afterCallWork?.callId).to.equal(second.callId);
    expect(workflow.state.state).to.equal('after_call_work');
  });

  it('on logout an open wrap-up ends as it stands, so the host keeps the notes', async () => {
    const { workflow, named, talk } = setupTest({ settings: required });
    const call = await talk(5);
    workflow.draftNotes('unfinished');

    workflow.end();

    expect(named('OnAfterCallWorkEnded')).to.deep.equal([{ callId: call.callId, disposition: '', notes: 'unfinished', endedBy: 'agent' }]);
    expect(workflow.afterCallWork).to.equal(null);
  });
});

describe('loginIdOf', () => {
  it('reads the session id of a renew token, and falls back to the token itself', () => {
    const payload = btoa(JSON.stringify({ sid: 'abc-123', kind: 'renew' })).replace(/=+$/, '');
    expect(loginIdOf(`eyJhbGciOiJIUzI1NiJ9.${payload}.sig`)).to.equal('abc-123');
    expect(loginIdOf('not-a-jwt')).to.equal('not-a-jwt');
  });
});
