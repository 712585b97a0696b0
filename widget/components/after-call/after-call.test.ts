import { expect, html, waitUntil } from '@open-wc/testing';
import { ManualClock } from '../../services/clock.js';
import { fakeCore, memoryStorage, provide } from '../../testing/fake-phone.js';
import './after-call.js';
import './call-notes.js';
import type { RsAfterCall } from './after-call.js';
import type { RsCallNotes } from './call-notes.js';

/**
 * The wrap-up panel and the in-call notes on a fake phone, logged in through a stubbed session
 * API whose tenant sets after-call work: what the agent sees and does, as the time runs.
 */
async function setupTest(afterCallWork = { enabled: true, maxSeconds: 90, requireDisposition: true }) {
  const real = globalThis.fetch;
  globalThis.fetch = async () =>
    Response.json({
      agent: { userId: '1001', extension: '1001', displayName: 'Alice Agent' },
      sip: { wsUrl: 'wss://sip.example.com', domain: 'example.com', username: '1001', password: 'p', expiresAt: Math.floor(Date.now() / 1000) + 3600 },
      tenant: { id: 'tn_test', allowedOrigins: [], phone: { afterCallWork, dispositionCodes: [{ code: 'sale', label: 'Sale' }, { code: 'no_sale', label: 'No sale' }] } },
      renewToken: `r.${btoa(JSON.stringify({ sid: 'session-1' }))}.s`,
      renewBy: Math.floor(Date.now() / 1000) + 3600,
    });
  const clock = new ManualClock();
  const { core, phone } = fakeCore({ clock, storage: memoryStorage() });
  try {
    await core.login({ token: 'token-1001' });
  } finally {
    globalThis.fetch = real;
  }
  phone.register();
  const panel = await provide<RsAfterCall>(core, html`<rs-after-call></rs-after-call>`);
  const shadow = () => panel.shadowRoot!;
  return { core, phone, clock, panel, shadow };
}

describe('<rs-after-call>', () => {
  it('shows nothing until an answered call ends, then the caller, the codes, the notes typed during the call, and the time left', async () => {
    const { core, phone, clock, panel, shadow } = await setupTest();
    const call = phone.ring('2001', { name: 'Bob Customer' });
    await phone.answer(call.callId);
    expect(shadow().querySelector('section')).to.equal(null);
    expect(shadow().querySelector('[role="status"]')!.textContent).to.equal('');
    core.workflow.draftNotes('wants a quote', call.callId);

    phone.farEndHangsUp(call.callId);
    // After-call work loads when the call is answered; this call ended at once.
    await waitUntil(() => core.snapshot().afterCallWork, 'the wrap-up opens once after-call work is loaded');
    await panel.updateComplete;

    expect(shadow().querySelector('[role="status"]')!.textContent).to.equal('After-call work started');
    expect(shadow().querySelector('.who')!.textContent).to.equal('Bob Customer');
    expect([...shadow().querySelectorAll('#disposition option')].map((o) => o.textContent)).to.deep.equal(['None', 'Sale', 'No sale']);
    expect(shadow().querySelector('label[for="disposition"]')!.textContent).to.equal('Disposition (required)');
    expect(shadow().querySelector('textarea')!.value).to.equal('wants a quote');
    expect(shadow().querySelector('[role="timer"]')!.textContent).to.equal('1:30');
    clock.advance(31_000);
    await panel.updateComplete;
    expect(shadow().querySelector('[role="timer"]')!.textContent).to.equal('0:59');
  });

  it('when the time runs out without the required disposition, says so and keeps the notes; Done then refuses until a code is chosen', async () => {
    const { core, phone, clock, panel, shadow } = await setupTest();
    const call = phone.ring('2001');
    await phone.answer(call.callId);
    phone.farEndHangsUp(call.callId);
    // After-call work loads when the call is answered; this call ended at once.
    await waitUntil(() => core.snapshot().afterCallWork, 'the wrap-up opens once after-call work is loaded');
    await panel.updateComplete;
    const notes = shadow().querySelector('textarea')!;
    notes.value = 'promised a callback';
    notes.dispatchEvent(new Event('input'));

    clock.advance(91_000);
    await panel.updateComplete;
    expect(shadow().querySelector('.overdue')!.textContent).to.match(/time is up/i);
    expect(shadow().querySelector('[role="timer"]')).to.equal(null);
    expect(clock.needs).to.equal(0);

    shadow().querySelector<HTMLButtonElement>('.actions button')!.click();
    await waitUntil(() => shadow().querySelector('.problem'));
    expect(shadow().querySelector('.problem')!.textContent).to.equal('Choose a disposition to finish the wrap-up.');
    expect(core.snapshot().agentState.state).to.equal('after_call_work');

    const disposition = shadow().querySelector<HTMLSelectElement>('#disposition')!;
    disposition.value = 'sale';
    disposition.dispatchEvent(new Event('change'));
    const next = shadow().querySelector<HTMLSelectElement>('#next')!;
    next.value = 'nr:lunch';
    next.dispatchEvent(new Event('change'));
    shadow().querySelector<HTMLButtonElement>('.actions button')!.click();

    await waitUntil(() => core.snapshot().agentState.state === 'not_ready');
    expect(core.snapshot().agentState.reason).to.equal('lunch');
    await panel.updateComplete;
    expect(shadow().querySelector('section')).to.equal(null);
  });

  it('with no wrap-up time, runs no timer at all', async () => {
    const { core, phone, clock, panel, shadow } = await setupTest({ enabled: true, maxSeconds: 0, requireDisposition: false });
    const call = phone.ring('2001');
    await phone.answer(call.callId);
    phone.farEndHangsUp(call.callId);
    // After-call work loads when the call is answered; this call ended at once.
    await waitUntil(() => core.snapshot().afterCallWork, 'the wrap-up opens once after-call work is loaded');
    await panel.updateComplete;

    expect(shadow().querySelector('section')).not.to.equal(null);
    expect(shadow().querySelector('[role="timer"]')).to.equal(null);
    expect(clock.needs).to.equal(0);
  });
});

describe('<rs-call-notes>', () => {
  it('keeps what the agent types during the call, and the wrap-up starts with it', async () => {
    const { core, phone } = await setupTest();
    const call = phone.ring('2001');
    await phone.answer(call.callId);
    const notes = await provide<RsCallNotes>(core, html`<rs-call-notes .callId=${call.callId}></rs-call-notes>`);
    const area = notes.shadowRoot!.querySelector('textarea')!;

    area.value = 'asked for the manager';
    area.dispatchEvent(new Event('input'));
    expect(core.workflow.notesOf(call.callId)).to.equal('asked for the manager');
    area.dispatchEvent(new Event('change'));
    await notes.updateComplete;
    expect(notes.shadowRoot!.querySelector('.problem')).to.equal(null);

    phone.farEndHangsUp(call.callId);
    expect(core.snapshot().afterCallWork?.notes).to.equal('asked for the manager');
  });
});
