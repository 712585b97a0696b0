import { expect, html, waitUntil } from '@open-wc/testing';
import { fakeCore, provide } from '../../testing/fake-phone.js';
import './incoming-call.js';
import type { RsIncomingCall } from './incoming-call.js';

/** A second call ringing while the agent talks on the first: a waiting call. */
async function setup() {
  const { core, phone } = fakeCore();
  phone.register();
  const talking = phone.ring('2001', { name: 'First Customer' });
  await phone.answer(talking.callId);
  const waiting = phone.ring('2002', { name: 'Second Customer', queue: 'Support' });
  const card = await provide<RsIncomingCall>(core, html`<rs-incoming-call .call=${waiting} .waiting=${true}></rs-incoming-call>`);
  const button = (text: string) => [...card.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent === text);
  phone.commands.length = 0;
  return { phone, card, button, talking, waiting };
}

describe('<rs-incoming-call> waiting', () => {
  it('is titled Call waiting, with its queue, and offers Hold and answer', async () => {
    const { card, button } = await setup();

    expect(card.shadowRoot!.querySelector('.label')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Call waiting · Support');
    expect(button('Hold and answer')).to.exist;
    expect(button('Answer')).to.equal(undefined);
  });

  it('answers that call on Hold and answer, and the phone holds the line the agent was on', async () => {
    const { phone, button, talking, waiting } = await setup();

    button('Hold and answer')!.click();
    await waitUntil(() => phone.calls.every((c) => c.state === 'active'), 'the waiting call is never answered');

    expect(phone.commands).to.deep.equal([{ name: 'answer', args: [waiting.callId] }]);
    expect(phone.calls.map((c) => [c.callId, c.state, c.held])).to.deep.equal([
      [talking.callId, 'active', true],
      [waiting.callId, 'active', false],
    ]);
  });

  it('rejects that call on Reject, and the call on the line goes on', async () => {
    const { phone, button, talking, waiting } = await setup();

    button('Reject')!.click();
    await waitUntil(() => phone.calls.length === 1, 'the waiting call never goes');

    expect(phone.commands).to.deep.equal([{ name: 'reject', args: [waiting.callId] }]);
    expect(phone.calls.map((c) => [c.callId, c.state, c.held])).to.deep.equal([[talking.callId, 'active', false]]);
  });
});
