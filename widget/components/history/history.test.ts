import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ManualClock } from '../../services/clock.js';
import { fakeCore } from '../../testing/fake-phone.js';
import './history.js';
import type { RsHistory } from './history.js';

/**
 * The history view on a widget core with a fake phone and the real recorder (IndexedDB, under
 * an agent key of each test's own): rows as the agent reads them, the clear confirmation, the
 * redial button, Escape.
 */
async function setup() {
  const clock = new ManualClock();
  const { core, phone } = fakeCore({ clock });
  const agent = `test-view/${Math.random().toString(36).slice(2)}`;
  await core.history.use(agent, 30);
  await phone.connect({ wsUrl: 'wss://sip.example.com', domain: 'example.com', user: '1001', displayName: 'Agent', username: 'u', password: 'p' });
  phone.register();
  // A call answered for 65 s, then a call missed a minute later.
  const answered = phone.ring('2001', { name: 'Ada Customer' });
  await phone.answer(answered.callId);
  clock.advance(65_000);
  phone.farEndHangsUp(answered.callId);
  clock.advance(60_000);
  // Its caller set the number and name; the network did not assert them.
  const missed = phone.ring('2002', { name: 'Your Bank', identity: 'claimed' });
  phone.farEndHangsUp(missed.callId);
  await core.history.recordWrapUp(answered.callId, 'resolved', 'Refund sent');
  const view = await fixture<RsHistory>(html`<rs-history .core=${core}></rs-history>`);
  const rows = () => [...view.shadowRoot!.querySelectorAll('li.call')];
  await waitUntil(() => rows().length === 2, 'the view never showed the two calls');
  return { core, phone, view, rows };
}

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('<rs-history>', () => {
  it('shows each call newest first: direction, number and name, result, talk time, disposition label and notes', async () => {
    const { rows, core } = await setup();

    const [missed, answered] = rows();
    expect([text(missed!.querySelector('.number')), text(missed!.querySelector('.direction')), text(missed!.querySelector('.result'))]).to.deep.equal(['2002', 'Incoming', 'Missed']);
    expect(missed!.querySelector('.duration')).to.equal(null);
    expect(text(missed!.querySelector('.unverified'))).to.match(/^Unverified/);
    expect(answered!.querySelector('.unverified')).to.equal(null);
    expect([text(answered!.querySelector('.name')), text(answered!.querySelector('.result')), text(answered!.querySelector('.duration'))]).to.deep.equal(['Ada Customer', 'Answered', '00:01:05']);
    expect([text(answered!.querySelector('.disposition')), text(answered!.querySelector('.notes'))]).to.deep.equal(['Disposition: Resolved', 'Refund sent']);
    // Opening the history counts as seeing the missed call.
    await waitUntil(() => core.history.missed === 0, 'the missed call still counts after the history was shown');
    await core.history.clear();
  });

  it('clears only after the agent confirms; Cancel keeps everything', async () => {
    const { view, rows, core } = await setup();
    const button = (selector: string) => view.shadowRoot!.querySelector<HTMLButtonElement>(selector)!;

    button('button.clear').click();
    await view.updateComplete;
    expect(text(view.shadowRoot!.querySelector('.confirm p'))).to.equal('Delete all 2 calls from your history? This cannot be undone.');
    button('button.clear-no').click();
    await view.updateComplete;
    expect([rows().length, view.shadowRoot!.querySelector('.confirm')]).to.deep.equal([2, null]);

    button('button.clear').click();
    await view.updateComplete;
    button('button.clear-yes').click();
    await waitUntil(() => view.shadowRoot!.querySelector('.empty'), 'the view never said the history is empty');

    expect(text(view.shadowRoot!.querySelector('.empty'))).to.equal('No calls yet.');
    expect(await core.history.list()).to.deep.equal([]);
  });

  it('Call dials the row’s number through the phone and closes the view', async () => {
    const { view, rows, phone, core } = await setup();

    const closed = oneEvent(view, 'rs-history-close');
    rows()[1]!.querySelector<HTMLButtonElement>('button.redial')!.click();
    await closed;

    expect(phone.commands.filter((c) => c.name === 'dial').map((c) => c.args)).to.deep.equal([['2001']]);
    await core.history.clear();
  });

  it('Escape closes it', async () => {
    const { view, core } = await setup();

    const closed = oneEvent(view, 'rs-history-close');
    view.shadowRoot!.querySelector('section')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));

    expect((await closed).type).to.equal('rs-history-close');
    await core.history.clear();
  });
});
