import { expect, waitUntil } from '@open-wc/testing';
import type { CallHistoryEntry, RingsideEvent } from '../../src/index.js';
import { mountPhone, mountSameOriginPhone, unmountAll, waitForAudio, type SameOriginPhone } from '../support/phone.js';

/**
 * The call history on real calls through the dev PBX. Agent 1001's phone runs on this page's
 * origin, so the test can click its History button and read its view as an agent would;
 * customer 2001 is a cross-origin `<ringside-phone>` driven through the SDK. The history lives
 * in the widget origin's IndexedDB, which outlives each test: every test clears it first.
 */

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An element inside the agent's phone, by a path of selectors through shadow roots. */
function inPhone(agent: SameOriginPhone, path: readonly string[]): HTMLElement | null {
  let node: ParentNode | null | undefined = agent.widget().document.querySelector('rs-app')?.shadowRoot;
  let found: HTMLElement | null = null;
  for (const selector of path) {
    found = node?.querySelector<HTMLElement>(selector) ?? null;
    if (!found) return null;
    node = found.shadowRoot ?? found;
  }
  return found;
}

/** Waits for the agent's next wrap-up after an answered call and finishes it, so the agent is ready again. */
async function wrapUp(agent: SameOriginPhone, after: number, disposition: string, notes: string): Promise<void> {
  await agent.log.next('OnAfterCallWorkStarted', after);
  await agent.phone.submitAfterCallWork({ disposition, notes });
}

/** Waits until the registration reaches `registered` after event index `after` (a reloaded widget). */
async function registeredAfter(agent: SameOriginPhone, after: number): Promise<void> {
  await waitUntil(
    () => agent.log.events.slice(after).some((e) => e.name === 'OnRegistrationChanged' && (e as RingsideEvent<'OnRegistrationChanged'>).data.state === 'registered'),
    'the reloaded phone never registered',
    { timeout: 15000, interval: 50 },
  );
}

const summary = (history: CallHistoryEntry[]) => history.map((e) => [e.direction, e.number, e.result]);

describe('call history on real calls', () => {
  afterEach(() => unmountAll());

  it('keeps answered, missed, rejected and outbound calls, counts the missed one, redials from the view, survives a reload and clears', async () => {
    // The development tenant's after-call work, whatever another test left: read at login.
    await fetch(`/test-only/tenant-settings?set=${encodeURIComponent(JSON.stringify({ afterCallWork: { enabled: true, maxSeconds: 120, requireDisposition: false } }))}`);
    const agent = await mountSameOriginPhone('1001');
    const customer = await mountPhone('2001');
    await agent.phone.clearCallHistory();

    // An inbound call, answered, a second of talk, the customer hangs up; the agent wraps up.
    let mark = agent.log.events.length;
    await customer.phone.dial('1001');
    await agent.log.next('OnIncomingCallRinging', mark);
    await agent.phone.answer();
    await waitForAudio(agent.phone);
    await pause(1200);
    await customer.phone.hangUp();
    await agent.log.next('OnIncomingCallHangup', mark);
    await wrapUp(agent, mark, 'resolved', 'Refund sent');

    // An inbound call the customer gives up on: missed.
    mark = agent.log.events.length;
    await customer.phone.dial('1001');
    await agent.log.next('OnIncomingCallRinging', mark);
    await customer.phone.hangUp();
    await agent.log.next('OnAgentRingNoAnswer', mark);
    const missedEvent = await agent.log.next('OnMissedCallsChanged', mark);

    // An inbound call the agent rejects.
    mark = agent.log.events.length;
    await customer.phone.dial('1001');
    await agent.log.next('OnIncomingCallRinging', mark);
    await agent.phone.reject();
    await agent.log.next('OnAgentRingNoAnswer', mark);

    // An outbound call the customer answers; the agent hangs up.
    mark = agent.log.events.length;
    const customerMark = customer.log.events.length;
    await agent.phone.dial('2001');
    await customer.log.next('OnIncomingCallRinging', customerMark);
    await customer.phone.answer();
    await agent.log.next('OnOutgoingCallAnswered', mark);
    await agent.phone.hangUp();
    await agent.log.next('OnOutgoingCallHangup', mark);
    await wrapUp(agent, mark, 'callback', '');

    const { history } = await agent.phone.getCallHistory();
    expect(summary(history)).to.deep.equal([
      ['outbound', '2001', 'answered'],
      ['inbound', '2001', 'rejected'],
      ['inbound', '2001', 'missed'],
      ['inbound', '2001', 'answered'],
    ]);
    const [outbound, rejected, missed, answered] = history as [CallHistoryEntry, CallHistoryEntry, CallHistoryEntry, CallHistoryEntry];
    expect(answered.duration).to.be.greaterThan(0);
    expect(answered).to.include({ name: 'Customer Phone', disposition: 'resolved', notes: 'Refund sent', endReason: 'remote_hangup' });
    expect([missed.duration, missed.answeredAt, rejected.duration, rejected.endReason]).to.deep.equal([0, null, 0, 'rejected']);
    expect(outbound).to.include({ disposition: 'callback', endReason: 'local_hangup' });
    expect(outbound.answeredAt).to.be.a('number');
    expect(missedEvent.data).to.deep.equal({ missed: 1 });

    // The badge on the History button shows the one missed call.
    const button = () => inPhone(agent, ['.history-button']);
    await waitUntil(() => button()?.querySelector('.badge')?.textContent?.trim().startsWith('1'), 'the History button shows no badge of 1');
    expect(button()!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('History 1 missed');

    // Opening the history shows the four calls and clears the badge.
    mark = agent.log.events.length;
    button()!.click();
    await waitUntil(() => inPhone(agent, ['rs-history', 'li.call']), 'the history view never showed a call');
    const rows = () => [...(inPhone(agent, ['rs-history', 'ul.calls'])?.querySelectorAll('li.call') ?? [])];
    expect(rows().map((row) => [row.getAttribute('data-direction'), row.getAttribute('data-result')])).to.deep.equal([
      ['outbound', 'answered'],
      ['inbound', 'rejected'],
      ['inbound', 'missed'],
      ['inbound', 'answered'],
    ]);
    expect(rows()[3]!.querySelector('.disposition')!.textContent).to.contain('Resolved');
    expect(rows()[3]!.querySelector('.notes')!.textContent).to.equal('Refund sent');
    expect((await agent.log.next('OnMissedCallsChanged', mark)).data).to.deep.equal({ missed: 0 });
    await waitUntil(() => !button()?.querySelector('.badge'), 'the badge stayed after the history was opened');

    // Redial from the missed call's row: a real call to 2001, answered, with audio.
    mark = agent.log.events.length;
    const beforeRedial = customer.log.events.length;
    const redial = rows()[2]!.querySelector<HTMLButtonElement>('button.redial')!;
    expect(redial.getAttribute('aria-label')).to.equal('Call 2001');
    redial.click();
    const placed = await agent.log.next('OnOutgoingCallInitialized', mark);
    const rang = await customer.log.next('OnIncomingCallRinging', beforeRedial);
    expect([placed.data.call.remoteNumber, rang.data.call.remoteNumber]).to.deep.equal(['2001', '1001']);
    await customer.phone.answer();
    await waitForAudio(agent.phone);
    await agent.phone.hangUp();
    await wrapUp(agent, mark, 'resolved', '');

    // The widget page reloads: the history is still there, the redial first.
    mark = agent.log.events.length;
    agent.widget().location.reload();
    await registeredAfter(agent, mark);
    const afterReload = (await agent.phone.getCallHistory()).history;
    expect(summary(afterReload)).to.deep.equal([['outbound', '2001', 'answered'], ...summary(history)]);

    // Cleared by action: five calls gone, nothing left.
    expect(await agent.phone.clearCallHistory()).to.deep.equal({ cleared: 5 });
    expect((await agent.phone.getCallHistory()).history).to.deep.equal([]);
  });

  it('pages with limit and before, and refuses a bad limit with invalid_data', async () => {
    const agent = await mountSameOriginPhone('1001');
    const customer = await mountPhone('2001');
    await agent.phone.clearCallHistory();
    for (let i = 0; i < 3; i += 1) {
      const mark = agent.log.events.length;
      await customer.phone.dial('1001');
      await agent.log.next('OnIncomingCallRinging', mark);
      await customer.phone.hangUp();
      await agent.log.next('OnAgentRingNoAnswer', mark);
    }

    const first = (await agent.phone.getCallHistory({ limit: 2 })).history;
    const rest = (await agent.phone.getCallHistory({ limit: 2, before: first[1]!.startedAt })).history;
    const refused = await agent.phone.getCallHistory({ limit: 0 }).then(
      () => 'ok',
      (error: { code: string }) => error.code,
    );

    expect([first.length, rest.length]).to.deep.equal([2, 1]);
    expect(new Set([...first, ...rest].map((e) => e.callId)).size).to.equal(3);
    expect(refused).to.equal('invalid_data');
    await agent.phone.clearCallHistory();
  });
});
