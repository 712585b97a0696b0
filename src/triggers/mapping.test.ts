import { expect } from '@open-wc/testing';
import { conditionsHold, newEventId, TriggerContext, valuesOf } from './mapping.js';
import { checkTrigger, type Trigger } from '../protocol/triggers/validate.js';

const AT = Date.UTC(2026, 10, 29, 18, 25, 3, 456);

function call(overrides: Record<string, unknown> = {}) {
  return {
    callId: 'c1',
    direction: 'inbound',
    remoteNumber: '+0702007722',
    remoteName: 'Ada Lovelace',
    state: 'ringing',
    muted: false,
    held: false,
    startedAt: '2026-11-29T18:25:00.000Z',
    answeredAt: null,
    endedAt: null,
    duration: 0,
    ...overrides,
  };
}

const queueCall = (overrides: Record<string, unknown> = {}) =>
  call({ queue: 'Support', did: '+15550107000', variables: { 'Queue-Wait': '12', 'Contact-Id': 'k-1' }, ...overrides });

function loggedIn(): TriggerContext {
  const context = new TriggerContext();
  context.read('OnLogin', { agent: { userId: 'agent-7', extension: '1001', displayName: 'Grace Hopper' } }, AT);
  return context;
}

describe('trigger events from protocol events', () => {
  const cases: [string, unknown, string[]][] = [
    ['OnIncomingCallRinging', { call: call() }, ['inbound.received']],
    ['OnIncomingCallAnswered', { call: call({ state: 'active' }) }, ['inbound.accepted']],
    ['OnIncomingCallHangup', { call: call({ state: 'ended' }) }, ['inbound.hangup']],
    ['OnAgentRingNoAnswer', { call: call({ state: 'ended', endReason: 'missed' }) }, ['inbound.missed']],
    ['OnIncomingCallRinging', { call: queueCall() }, ['inbound.received', 'acd.received']],
    ['OnIncomingCallAnswered', { call: queueCall() }, ['inbound.accepted', 'acd.accepted']],
    ['OnIncomingCallHangup', { call: queueCall() }, ['inbound.hangup', 'acd.hangup']],
    ['OnAgentRingNoAnswer', { call: queueCall() }, ['inbound.missed', 'acd.missed']],
    ['OnBlindTransferCompleted', { call: call({ state: 'ended' }), target: '2002' }, ['inbound.transfer']],
    ['OnAttendedTransferCompleted', { call: call({ direction: 'outbound' }), target: '2002' }, ['outbound.transfer']],
    ['OnOutgoingCallAnswered', { call: call({ direction: 'outbound' }) }, ['outbound.connected']],
    ['OnOutgoingCallHangup', { call: call({ direction: 'outbound' }) }, ['outbound.hangup']],
    ['OnLogin', { agent: { userId: 'agent-7', extension: '1001', displayName: 'Grace' } }, ['login']],
    ['OnLogout', { reason: 'logout' }, ['logout']],
    ['OnAgentStateChanged', { state: 'dnd', reason: '', since: AT }, ['status']],
    ['OnMute', { call: call() }, []],
    ['OnSomethingNewer', { x: 1 }, []],
  ];
  for (const [name, data, stable] of cases) {
    it(`${name} → ${stable.join(', ') || 'its own name only'}`, () => {
      const occurrence = loggedIn().read(name, data, AT);
      expect(occurrence.names).to.deep.equal([...stable, name]);
    });
  }

  it('status fires once per change, whether the widget says it with OnAgentStateChanged, OnReady/OnNotready or both', () => {
    const context = loggedIn();
    context.read('status', { agent: { USERCODE: 'agent-7', EXTEN: '1001', DISPLAYNAME: 'Grace', ready: true, agentState: 'ready' } }, AT);
    const fired = (name: string, data: unknown) => context.read(name, data, AT).names.includes('status');
    expect(fired('OnReady', { ready: true })).to.equal(false); // no change from the snapshot
    expect(fired('OnNotready', { ready: false, reason: 'BREAK' })).to.equal(true);
    expect(fired('OnAgentStateChanged', { state: 'not_ready', reason: 'BREAK', since: AT })).to.equal(false);
    expect(fired('OnAgentStateChanged', { state: 'not_ready', reason: 'LUNCH', since: AT })).to.equal(true);
    expect(fired('OnAgentStateChanged', { state: 'ready', reason: '', since: AT })).to.equal(true);
    expect(fired('OnReady', { ready: true })).to.equal(false);
  });

  it('the protocol status snapshot is not the stable status', () => {
    expect(loggedIn().read('status', { agent: null, registration: 'registered', primarySession: null, calls: [] }, AT).names).to.deep.equal([]);
  });
});

describe('key values from the payload and the session', () => {
  it('a queue call with its agent, DID, queue wait and CTI variables', () => {
    const context = loggedIn();
    context.read('OnAgentStateChanged', { state: 'dnd', reason: '', since: AT }, AT);
    const occurrence = context.read('OnIncomingCallRinging', { call: queueCall({ duration: 0 }) }, AT);
    expect(valuesOf(occurrence, 'acd.received', 'id-1')).to.deep.equal({
      keys: {
        CALLERID: '+0702007722',
        CALLERNAME: 'Ada Lovelace',
        SYSTIME: '2026-11-29T18:25:03Z',
        USERID: 'agent-7',
        USEREXT: '1001',
        DISPLAYNAME: 'Grace Hopper',
        DNDSTATUS: 'on',
        TRANSFERID: '',
        DID: '+15550107000',
        QUEUENAME: 'Support',
        QUEUEWAIT: '12',
        CALLID: 'c1',
        DIRECTION: 'inbound',
        DURATION: '0',
        DISPOSITION: '',
        NOTES: '',
        EVENT: 'acd.received',
        EVENTID: 'id-1',
        AGENTSTATE: 'dnd',
      },
      vars: { 'Queue-Wait': '12', 'Contact-Id': 'k-1' },
    });
  });

  it("takes the queue wait only from the network's X-Queue-Wait, never another spelling a caller could send", () => {
    const context = loggedIn();
    const occurrence = context.read('OnIncomingCallRinging', { call: call({ variables: { QueueWait: '0', QUEUEWAIT: '0', 'Queue-Wait-Seconds': '0' } }) }, AT);
    expect(valuesOf(occurrence, 'inbound.received', 'id-2').keys.QUEUEWAIT).to.equal('');
  });

  it('a transfer names its target; a hangup after notes carries them; after-call work carries the disposition', () => {
    const context = loggedIn();
    expect(context.read('OnBlindTransferCompleted', { call: call(), target: '2002' }, AT).keys.TRANSFERID).to.equal('2002');
    context.read('OnCallNotesSubmitted', { callId: 'c1', notes: 'wants a refund' }, AT);
    const hangup = context.read('OnIncomingCallHangup', { call: call({ state: 'ended', duration: 73 }) }, AT);
    expect([hangup.keys.NOTES, hangup.keys.DURATION]).to.deep.equal(['wants a refund', '73']);
    const ended = context.read('OnAfterCallWorkEnded', { callId: 'c1', disposition: 'refund', notes: 'refund sent', endedBy: 'agent' }, AT);
    expect([ended.keys.CALLID, ended.keys.DISPOSITION, ended.keys.NOTES]).to.deep.equal(['c1', 'refund', 'refund sent']);
  });

  it('reads a payload of the wrong shape as empty values, without throwing', () => {
    const occurrence = new TriggerContext().read('OnIncomingCallRinging', { call: { callId: 'x', remoteNumber: 42, variables: 'no' } }, AT);
    expect([occurrence.keys.CALLERID, occurrence.keys.CALLERNAME, occurrence.keys.DIRECTION, occurrence.vars]).to.deep.equal(['42', '', '', {}]);
    expect(new TriggerContext().read('OnLogin', null, AT).names).to.deep.equal(['login', 'OnLogin']);
  });

  it('EVENTID differs at every firing', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newEventId()));
    expect(ids.size).to.equal(1000);
    expect([...ids][0]).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('trigger conditions', () => {
  function when(conditions: unknown): Trigger['when'] {
    const checked = checkTrigger({ event: 'inbound.received', url: 'https://crm.example.com/', mode: 'window', when: conditions });
    if (!checked.ok) throw new Error(checked.problem.message);
    return checked.value.when;
  }
  const queued = loggedIn().read('OnIncomingCallRinging', { call: queueCall() }, AT);
  const direct = loggedIn().read('OnIncomingCallRinging', { call: call({ remoteNumber: '2001' }) }, AT);
  const outbound = loggedIn().read('OnOutgoingCallAnswered', { call: call({ direction: 'outbound', remoteNumber: '+390612345' }) }, AT);
  const login = loggedIn().read('OnLogin', { agent: {} }, AT);
  const cases: [string, unknown, boolean[]][] = [
    ['no conditions', undefined, [true, true, true, true]],
    ['direction inbound', { direction: 'inbound' }, [true, true, false, false]],
    ['direction outbound', { direction: 'outbound' }, [false, false, true, false]],
    ['ACD calls', { acd: true }, [true, false, false, false]],
    ['not ACD calls', { acd: false }, [false, true, true, false]],
    ['queue Support or Sales', { queue: ['Sales', 'Support'] }, [true, false, false, false]],
    ['queue Sales', { queue: 'Sales' }, [false, false, false, false]],
    ['DID', { did: '+15550107000' }, [true, false, false, false]],
    ['number prefix +39 or 20', { numberPrefix: ['+39', '20'] }, [false, true, true, false]],
    ['all together', { direction: 'inbound', acd: true, queue: 'Support', numberPrefix: '+07' }, [true, false, false, false]],
  ];
  for (const [name, conditions, expected] of cases) {
    it(name, () => {
      expect([queued, direct, outbound, login].map((o) => conditionsHold(when(conditions), o))).to.deep.equal(expected);
    });
  }
});
