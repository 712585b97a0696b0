import { expect } from '@open-wc/testing';
import type { AgentStateInfo } from '../../src/protocol/index.js';
import { FakePhone, memoryStorage } from '../testing/fake-phone.js';
import * as wrapUp from './wrap-up.js';
import * as statistics from './agent-statistics.js';
import { agentStatus, AgentStatistics, busyAt, callChanged, dayOf, freshStatistics, splitName, stateLeft, type LoginStatistics } from './agent-statistics.js';
import { AgentWorkflow } from './agent-workflow.js';
import { ManualClock } from './clock.js';
import { defaultPhoneSettings } from './session-client.js';

/**
 * The Tegsoft status block's numbers: the arithmetic on its own, then a login played on the
 * fake phone (calls answered, missed, dialled; not ready; after-call work) and read back as
 * the host would, also after a reload and across two logins of a day.
 */
const agent = { userId: 'test.agent', extension: '6003', displayName: 'Test Agent' };
const ready = (since: number): AgentStateInfo => ({ state: 'ready', reason: '', since });

describe('agent statistics arithmetic', () => {
  it('counts not-ready and DND time when the state is left, never after-call work or ready', () => {
    let stats = freshStatistics('l', 0);
    stats = stateLeft(stats, { state: 'not_ready', reason: 'lunch', since: 0 }, 60_000);
    stats = stateLeft(stats, { state: 'dnd', reason: '', since: 60_000 }, 90_000);
    stats = stateLeft(stats, { state: 'after_call_work', reason: '', since: 90_000 }, 120_000);
    stats = stateLeft(stats, ready(120_000), 200_000);

    expect(stats.notReadyMs).to.equal(90_000);
  });

  it('counts a state that began before this login only from the login on', () => {
    expect(stateLeft(freshStatistics('l', 50_000), { state: 'not_ready', reason: 'x', since: 0 }, 60_000).notReadyMs).to.equal(10_000);
  });

  it('adds busy intervals, once each, whatever the number of busy changes in between', () => {
    let stats: LoginStatistics = freshStatistics('l', 0);
    stats = busyAt(stats, true, 1000);
    stats = busyAt(stats, true, 5000);
    stats = busyAt(stats, false, 11_000);
    stats = busyAt(stats, false, 20_000);
    stats = busyAt(stats, true, 30_000);

    expect([stats.busyMs, stats.busySince]).to.deep.equal([10_000, 30_000]);
  });

  it('splits a display name into name and surname', () => {
    expect(splitName('Test Agent')).to.deep.equal({ USERNAME: 'Test', SURNAME: 'Agent' });
    expect(splitName('  Maria  de la Cruz ')).to.deep.equal({ USERNAME: 'Maria de la', SURNAME: 'Cruz' });
    expect(splitName('1001')).to.deep.equal({ USERNAME: '1001', SURNAME: '' });
  });

  it('fills every field of the Tegsoft sample, and nothing it does not know is invented', () => {
    const since = new Date(2026, 0, 1, 9, 5).getTime();
    const status = agentStatus({
      agent,
      registered: true,
      state: { state: 'not_ready', reason: 'AFTERLOGIN', since },
      stats: { ...freshStatistics('l', since - 1000) },
      calls: [],
      now: since + 55_000,
      today: { loginMs: 33_567_000, notReadyMs: 31_594_000 },
      sipDomain: 'example.com',
      requireDisposition: false,
      autoAnswerActive: false,
    });
    const sample = ['ready', 'busy', 'notReadyReason', 'lastStateChange', 'lastStateChangeDuration', 'phoneAccess', 'popup_mode', 'dialoutpopup', 'EXTEN', 'INTERFACE', 'REMOTEINTERFACE', 'EXTID', 'PHONETYPE', 'seatType', 'UID', 'USERCODE', 'USERNAME', 'SURNAME', 'DISPLAYNAME', 'PHOTOURL', 'isActivityMandatory', 'isActivityMandatoryAfterAnswer', 'autoAnswerActive', 'STATEDURATION', 'LOGINDURATION', 'NOTREADYDURATION', 'TOTALLOGINDURATION', 'TOTALNOTREADYDURATION', 'TALKDURATION', 'INBOUND', 'OUTBOUND', 'TOTALCALLCOUNT', 'ANSWERED', 'AVGTALK', 'WEBCHAT', 'CAMPAIGN'];

    expect(Object.keys(status)).to.include.members(sample);
    expect(status).to.deep.include({
      ready: false,
      notReadyReason: 'AFTERLOGIN',
      lastStateChange: '09:05',
      lastStateChangeDuration: 55,
      STATEDURATION: 55,
      LOGINDURATION: 56,
      NOTREADYDURATION: 55,
      TOTALLOGINDURATION: 33_567,
      TOTALNOTREADYDURATION: 31_594,
      EXTEN: '6003',
      EXTID: '6003',
      INTERFACE: 'SIP/6003',
      REMOTEINTERFACE: 'SIP/example.com/6003',
      PHONETYPE: 'WebRTCPhone',
      UID: 'test.agent',
      USERCODE: 'test.agent',
      USERNAME: 'Test',
      SURNAME: 'Agent',
      AVGTALK: 0,
    });
  });
});

describe('agent statistics of a login on the fake phone', () => {
  function setupTest(clock = new ManualClock(), session = memoryStorage(), local = memoryStorage(), login = 'login-1') {
    const phone = new FakePhone(() => clock.now());
    const workflow = new AgentWorkflow(
      {
        clock,
        settings: { ...defaultPhoneSettings, afterCallWork: { enabled: true, maxSeconds: 0, requireDisposition: false } },
        get calls() {
          return phone.calls;
        },
        currentCallId: () => phone.calls[0]?.callId,
        emit: () => undefined,
        changed: () => undefined,
      },
      { session, local },
      // There from the start; agent-workflow-lazy.test.ts counts with the statistics held back.
      { afterCallWork: () => wrapUp, statistics: () => statistics },
    );
    phone.subscribe((change) => workflow.phoneChanged(change));
    phone.register();
    workflow.begin(agent.userId, login);
    const status = () => workflow.agentStatus(agent, true, 'example.com', false);
    return { phone, workflow, clock, status, session, local };
  }

  it('counts calls by direction, answered ones, talk time and its average, busy time and not-ready time', async () => {
    const { phone, workflow, clock, status } = setupTest();
    // 1. Inbound, answered after 5 s of ringing, 30 s of talk, 10 s of wrap-up.
    const first = phone.ring('2001');
    clock.advance(5000);
    await phone.answer(first.callId);
    clock.advance(30_000);
    phone.farEndHangsUp(first.callId);
    clock.advance(10_000);
    workflow.submit({}, 'agent');
    // 2. Inbound, missed after 8 s.
    clock.advance(60_000);
    phone.farEndHangsUp(phone.ring('2002').callId);
    // 3. Outbound, answered after 2 s, 10 s of talk, ended with no wrap-up (submitted at once).
    const out = await phone.dial('3003');
    clock.advance(2000);
    phone.farEndAnswers(out.callId);
    clock.advance(10_000);
    await phone.hangUp(out.callId);
    workflow.submit({}, 'agent');
    // Not ready for 2 minutes, still not ready when read.
    workflow.setState('not_ready', 'lunch', 'agent');
    clock.advance(120_000);
    // 4. A call in progress for 7 s counts its talk so far.
    const live = phone.ring('2003');
    await phone.answer(live.callId);
    clock.advance(7000);

    expect(await status()).to.deep.include({
      INBOUND: 3,
      OUTBOUND: 1,
      TOTALCALLCOUNT: 4,
      ANSWERED: 3,
      TALKDURATION: 47,
      AVGTALK: 16,
      // ring 5 + talk 30 + wrap 10, ring 0 (the missed call rang for no time here), dial 2 + talk 10, now 7
      busy: 64,
      NOTREADYDURATION: 127,
      STATEDURATION: 127,
      LOGINDURATION: 244,
      agentState: 'not_ready',
      notReadyReason: 'lunch',
    });
  });

  it('keeps counting after a reload of the same login, and starts again for a new login while the day adds both', async () => {
    const clock = new ManualClock(new Date(2026, 0, 1, 9, 0).getTime());
    const session = memoryStorage();
    const local = memoryStorage();
    const before = setupTest(clock, session, local);
    const call = before.phone.ring('2001');
    await before.phone.answer(call.callId);
    clock.advance(20_000);
    before.phone.farEndHangsUp(call.callId);
    before.workflow.submit({}, 'agent');
    before.workflow.setState('dnd', '', 'agent');
    clock.advance(40_000);

    const reloaded = setupTest(clock, session, local);
    expect(await reloaded.status()).to.deep.include({ INBOUND: 1, ANSWERED: 1, TALKDURATION: 20, LOGINDURATION: 60, NOTREADYDURATION: 40, TOTALLOGINDURATION: 60, agentState: 'dnd', notReadyReason: 'DND' });

    reloaded.workflow.end();
    clock.advance(30_000);
    const next = setupTest(clock, session, local, 'login-2');
    clock.advance(15_000);
    expect(await next.status()).to.deep.include({ INBOUND: 0, TALKDURATION: 0, LOGINDURATION: 15, TOTALLOGINDURATION: 75, TOTALNOTREADYDURATION: 40 });
  });

  it('forgets yesterday’s logins in today’s totals', () => {
    const clock = new ManualClock(new Date(2026, 0, 1, 23, 58).getTime());
    const local = memoryStorage();
    const stats = new AgentStatistics(memoryStorage(), local);
    stats.begin('1001', 'yesterday', clock.now());
    clock.advance(60_000);
    stats.end(clock.now(), ready(0));
    clock.advance(120_000);

    const today = new AgentStatistics(memoryStorage(), local);
    today.begin('1001', 'today', clock.now());
    clock.advance(10_000);

    expect(dayOf(clock.now())).to.equal('2026-01-02');
    expect(today.today(clock.now(), ready(clock.now())).loginMs).to.equal(10_000);
  });

  it('does not believe a damaged record: the login starts from zero', () => {
    const clock = new ManualClock();
    const session = memoryStorage();
    session.setItem('ringside.agent-statistics.1001', JSON.stringify({ login: 'login-1', loginAt: 0, inbound: -5 }));
    const stats = new AgentStatistics(session, null);
    stats.begin('1001', 'login-1', clock.now());

    expect(stats.record).to.deep.include({ inbound: 0, loginAt: clock.now() });
    expect(callChanged(stats.record, { callId: 'c', direction: 'outbound', remoteNumber: '1', remoteName: '', identity: 'asserted', state: 'dialing', muted: false, held: false, startedAt: '', answeredAt: null, endedAt: null, duration: 0 }, null).outbound).to.equal(1);
  });
});
