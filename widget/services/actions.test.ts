import { expect } from '@open-wc/testing';
import { actionNames, ErrorCode, type ActionDataMap, type ActionMessage, type ActionName, type EventDataMap, type EventName } from '../../src/protocol/index.js';
import { fakeCore, type FakePhone } from '../testing/fake-phone.js';
import { actions } from './actions.js';
import { PhoneError } from './phone-types.js';
import type { WidgetCore } from './widget-core.js';

/**
 * Host actions through the core's action table, on a fake phone: every action has a handler,
 * none throws at the caller, and refusals carry the code a host can switch on.
 */
const perform = <N extends ActionName>(core: WidgetCore, name: N, data?: ActionDataMap[N]) => core.perform({ type: 'action', group: 'agent', name, data } as ActionMessage);

/** 'ok', or the refusal's code; anything that is not a coded PhoneError is a bug and says so. */
const outcome = (pending: Promise<unknown>) =>
  pending.then(
    () => 'ok',
    (error: unknown) => (error instanceof PhoneError ? error.error.code : `uncoded ${String(error)}`),
  );

/** Registered, talking on line 2, line 1 on hold, line 3 ringing. */
async function threeLines(): Promise<{ core: WidgetCore; phone: FakePhone; ids: string[] }> {
  const { core, phone } = fakeCore();
  await phone.connect({ wsUrl: 'wss://sip.example.com', domain: 'example.com', user: '1001', displayName: 'Agent', username: 'u', password: 'p' });
  phone.register();
  const first = phone.ring('2001');
  await phone.answer(first.callId);
  const second = phone.ring('2002');
  await phone.answer(second.callId);
  const third = phone.ring('2003');
  return { core, phone, ids: [first.callId, second.callId, third.callId] };
}

/** Valid data for every action, and what it comes to with {@link threeLines}. Typed: a new action must be added here. */
const table: { [N in ActionName]: [ActionDataMap[N], 'ok' | ErrorCode] } = {
  queryStatus: [undefined, 'ok'],
  dial: [{ numberToDial: '3003' }, 'ok'],
  answer: [undefined, 'ok'],
  reject: [{}, 'ok'],
  hangUp: [undefined, 'ok'],
  mute: [undefined, 'ok'],
  unmute: [{}, 'ok'],
  getCallStats: [undefined, 'ok'],
  setTheme: [{ theme: { accent: '#0969da' } }, 'ok'],
  ready: [undefined, 'ok'],
  notReady: [{ reason: 'lunch' }, 'ok'],
  setAgentState: [{ state: 'dnd' }, 'ok'],
  getAfterCallWork: [undefined, 'ok'],
  // Three lines up and none ended: nothing is being wrapped up.
  submitAfterCallWork: [{ disposition: 'resolved' }, ErrorCode.NoAfterCallWork],
  setCallNotes: [{ notes: 'asked for a refund' }, 'ok'],
  logout: [undefined, 'ok'],
  hold: [undefined, 'ok'],
  unhold: [undefined, 'ok'],
  sendDTMF: [{ dtmf: '5' }, 'ok'],
  setCtiData: [{ ctiData: { variables: { ticket: '42' } } }, 'ok'],
  getCtiData: [undefined, 'ok'],
  removeCtiData: [undefined, 'ok'],
  turnOnCamera: [undefined, ErrorCode.NotSupported],
  turnOfCamera: [undefined, ErrorCode.NotSupported],
  turnOffCamera: [undefined, ErrorCode.NotSupported],
  toggleCamera: [undefined, ErrorCode.NotSupported],
  blindTransfer: [{ extension: '3003' }, 'ok'],
  attendedTransfer: [{ extension: '3003' }, 'ok'],
  completeAttendedTransfer: [undefined, ErrorCode.NotAllowedNow],
  cancelAttendedTransfer: [undefined, ErrorCode.NotAllowedNow],
  changeActiveLine: [undefined, 'ok'],
  conference: [undefined, 'ok'],
  leaveConference: [undefined, 'ok'],
  // The fake phone is registered without a login: there is no agent, so no history.
  getCallHistory: [{ limit: 10 }, ErrorCode.NotLoggedIn],
  clearCallHistory: [undefined, ErrorCode.NotLoggedIn],
  showNotice: [{ text: 'Destination Number non valido', seconds: 4 }, 'ok'],
  setDispositionCodes: [{ codes: [{ code: 'code1', label: 'code1' }] }, 'ok'],
  // No agent: the log is the logged-in agent's (logged lines: test/browser/phone-triggers.test.ts).
  logTriggerActivity: [{ activity: [{ kind: 'fired', trigger: 'Contact card', event: 'inbound.received', eventId: 'e1', mode: 'window', url: 'https://crm.example.com/c?phone=%2B1555' }] }, ErrorCode.NotLoggedIn],
};

describe('the action table', () => {
  it('has exactly one handler per protocol action', () => {
    expect(Object.keys(actions).sort()).to.deep.equal([...actionNames].sort());
    for (const name of actionNames) expect(actions[name], name).to.be.a('function');
  });

  for (const name of actionNames) {
    it(`${name} with valid data answers ${table[name][1]} and never throws at the caller`, async () => {
      const { core } = await threeLines();
      const [data, expected] = table[name];

      let pending: Promise<unknown> = Promise.resolve();
      expect(() => (pending = perform(core, name, data as never))).not.to.throw();

      expect(await outcome(pending)).to.equal(expected);
    });
  }

  it('applies each call action to the line it names', async () => {
    const { core, phone, ids } = await threeLines();
    const [first, second, third] = ids as [string, string, string];

    await perform(core, 'unhold', { callId: first });
    await perform(core, 'mute', { callId: first });
    await perform(core, 'reject', { callId: third });

    expect(phone.commands.slice(-3)).to.deep.equal([
      { name: 'setHeld', args: [first, false] },
      { name: 'setMuted', args: [first, true] },
      { name: 'reject', args: [third] },
    ]);
    expect(phone.calls.map((c) => [c.callId, c.held, c.muted])).to.deep.equal([
      [first, false, true],
      [second, true, false],
    ]);
  });
});

describe('showNotice', () => {
  it("never replaces the phone's own notice: refused while it shows, shown once it is dismissed", async () => {
    const { core } = fakeCore();
    const own = { code: ErrorCode.MediaUnavailable, message: 'The browser is not allowing the microphone for this site.' };
    core.showNotice(own);

    expect(await outcome(perform(core, 'showNotice', { text: 'Microphone blocked: call IT on 555' }))).to.equal(ErrorCode.NotAllowedNow);
    expect(core.snapshot().notice).to.equal(own);

    core.dismissNotice();
    expect(await outcome(perform(core, 'showNotice', { text: 'Destination Number non valido' }))).to.equal('ok');
    expect(core.snapshot().notice).to.deep.equal({ code: ErrorCode.HostNotice, message: 'Destination Number non valido' });
    core.dismissNotice();
  });
});

describe('queryStatus', () => {
  it('answers with the status and sends the same status as a `status` event, which Tegsoft hosts listen for', async () => {
    const { core } = await threeLines();
    const sent: { name: EventName; data: unknown }[] = [];
    const emit = core.emit.bind(core);
    core.emit = <N extends EventName>(name: N, data: EventDataMap[N]) => {
      sent.push({ name, data });
      emit(name, data);
    };

    const status = await perform(core, 'queryStatus');

    expect(sent).to.deep.equal([{ name: 'status', data: status }]);
    expect(status).to.deep.include({ registration: 'registered' });
    expect((status as EventDataMap['status']).calls).to.have.length(3);
  });
});

describe('action refusals', () => {
  const callActions = ['answer', 'reject', 'hangUp', 'mute', 'unmute', 'hold', 'unhold', 'getCallStats', 'turnOnCamera'] as const;
  for (const name of callActions) {
    it(`${name} with an unknown callId → no_such_call`, async () => {
      const { core } = await threeLines();
      expect(await outcome(perform(core, name, { callId: 'no-such-call' }))).to.equal(ErrorCode.NoSuchCall);
    });
  }

  it('sendDTMF, blindTransfer and attendedTransfer with an unknown callId → no_such_call', async () => {
    const { core } = await threeLines();

    const codes = await Promise.all([
      outcome(perform(core, 'sendDTMF', { dtmf: '1', callId: 'nope' })),
      outcome(perform(core, 'blindTransfer', { extension: '3003', callId: 'nope' })),
      outcome(perform(core, 'attendedTransfer', { extension: '3003', callId: 'nope' })),
    ]);

    expect(codes).to.deep.equal([ErrorCode.NoSuchCall, ErrorCode.NoSuchCall, ErrorCode.NoSuchCall]);
  });

  it('answer with nothing ringing → not_allowed_now, and the call on the line goes on', async () => {
    const { core, phone } = fakeCore();
    await phone.connect({ wsUrl: 'wss://sip.example.com', domain: 'example.com', user: '1001', displayName: 'Agent', username: 'u', password: 'p' });
    phone.register();
    const talking = phone.ring('2001');
    await phone.answer(talking.callId);

    expect(await outcome(perform(core, 'answer'))).to.equal(ErrorCode.NotAllowedNow);
    expect(phone.calls.map((c) => [c.state, c.held])).to.deep.equal([['active', false]]);
  });

  const needRegistration = ['dial', 'answer', 'reject', 'hangUp', 'mute', 'hold', 'unhold', 'sendDTMF', 'blindTransfer', 'attendedTransfer', 'ready', 'notReady', 'logout', 'changeActiveLine', 'conference', 'leaveConference', 'getCallStats'] as const;
  for (const name of needRegistration) {
    it(`${name} while not registered → not_logged_in`, async () => {
      const { core } = fakeCore();
      expect(await outcome(perform(core, name, table[name][0] as never))).to.equal(ErrorCode.NotLoggedIn);
    });
  }

  for (const name of ['turnOnCamera', 'turnOfCamera', 'turnOffCamera', 'toggleCamera'] as const) {
    it(`${name} → not_supported, and the call goes on as audio`, async () => {
      const { core, phone, ids } = await threeLines();

      expect(await outcome(perform(core, name, { callId: ids[1]! }))).to.equal(ErrorCode.NotSupported);
      expect(phone.calls.find((c) => c.callId === ids[1])).to.include({ state: 'active', held: false });
    });
  }
});
