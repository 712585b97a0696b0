import { expect, html, waitUntil } from '@open-wc/testing';
import type { RsTransferDialog } from '../transfer-dialog/transfer-dialog.js';
import { ManualClock } from '../../services/clock.js';
import { fakeCore, provide } from '../../testing/fake-phone.js';
import './active-call.js';
import type { RsActiveCall } from './active-call.js';

/**
 * The call card of an answered call from 2001, kept up to date with that call as `<rs-app>`
 * does (the card is given its call; the app re-renders it on every change).
 */
async function setup() {
  const clock = new ManualClock();
  const { core, phone } = fakeCore({ clock });
  phone.register();
  const { callId } = phone.ring('2001', { name: 'Customer' });
  await phone.answer(callId);
  const card = await provide<RsActiveCall>(core, html`<rs-active-call></rs-active-call>`);
  const follow = () => (card.call = core.snapshot().calls.find((c) => c.callId === callId));
  follow();
  core.subscribe(follow);
  await card.updateComplete;
  phone.commands.length = 0;
  const root = card.shadowRoot!;
  /** Clicks the card's button `selector`, then waits until `shown()` holds. */
  const click = async (selector: string, shown: () => boolean = () => true) => {
    root.querySelector<HTMLButtonElement>(selector)!.click();
    await card.updateComplete;
    await waitUntil(shown, `${selector} never led to what was expected`);
  };
  return { core, phone, clock, card, root, click, callId };
}

/** Opens the transfer dialog (loaded on first use) and types `number` into it. */
async function openTransfer({ root, click }: Awaited<ReturnType<typeof setup>>, number: string): Promise<ShadowRoot> {
  await click('button.transfer');
  const dialog = () => root.querySelector<RsTransferDialog>('rs-transfer-dialog');
  await waitUntil(() => dialog()?.shadowRoot?.querySelector('input'), 'the transfer dialog never loads');
  const shown = dialog()!;
  const input = shown.shadowRoot!.querySelector('input')!;
  input.value = number;
  input.dispatchEvent(new Event('input'));
  await shown.updateComplete;
  return shown.shadowRoot!;
}

describe('<rs-active-call>', () => {
  it('mutes and unmutes the call, showing it on the pressed state of Mute', async () => {
    const { phone, root, click, callId } = await setup();
    const mute = () => root.querySelector('.actions button')!;
    const pressed = (value: string) => () => mute().getAttribute('aria-pressed') === value;
    expect([mute().textContent, mute().getAttribute('aria-pressed')]).to.deep.equal(['Mute', 'false']);

    await click('.actions button', pressed('true'));
    expect(mute().textContent).to.equal('Unmute');
    await click('.actions button', pressed('false'));

    expect(mute().textContent).to.equal('Mute');
    expect(phone.commands).to.deep.equal([
      { name: 'setMuted', args: [callId, true] },
      { name: 'setMuted', args: [callId, false] },
    ]);
  });

  it('holds the call, offers Resume, and resumes it', async () => {
    const { phone, root, click, callId } = await setup();

    const hold = () => root.querySelector('button.hold')!;
    await click('button.hold', () => hold().getAttribute('aria-pressed') === 'true');
    expect([hold().textContent, root.querySelector('.label')!.textContent]).to.deep.equal(['Resume', 'On hold']);
    await click('button.hold', () => hold().getAttribute('aria-pressed') === 'false');

    expect([hold().textContent, root.querySelector('.label')!.textContent]).to.deep.equal(['Hold', 'In call']);
    expect(phone.commands).to.deep.equal([
      { name: 'setHeld', args: [callId, true] },
      { name: 'setHeld', args: [callId, false] },
    ]);
  });

  it('opens the keypad, and a key sends its tone on this call', async () => {
    const { phone, root, click, callId } = await setup();

    await click('button.keypad-toggle', () => root.querySelector('rs-keypad') !== null);
    const keypad = root.querySelector('rs-keypad')!;
    await keypad.updateComplete;
    keypad.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Tone 5"]')!.click();
    await waitUntil(() => keypad.shadowRoot!.querySelector('.sent')!.textContent === '5', 'the tone is never shown as sent');

    expect(root.querySelector('button.keypad-toggle')).to.have.attribute('aria-expanded', 'true');
    expect(phone.commands).to.deep.equal([{ name: 'sendDtmf', args: [callId, '5'] }]);
  });

  it('times the call on the clock', async () => {
    const { root, clock, card } = await setup();

    clock.advance(65_000);
    await card.updateComplete;

    expect(root.querySelector('[role="timer"]')!.textContent).to.equal('00:01:05');
  });

  it('transfers the call to a number at once with Transfer now', async () => {
    const setupResult = await setup();
    const { phone, card, callId } = setupResult;

    const dialog = await openTransfer(setupResult, '3003');
    dialog.querySelector<HTMLButtonElement>('button.blind')!.click();
    await waitUntil(() => phone.calls.length === 0, 'the call is never transferred');
    await card.updateComplete;

    expect(phone.commands).to.deep.equal([{ name: 'blindTransfer', args: [callId, '3003'] }]);
    expect(card.shadowRoot!.querySelector('.card')).to.equal(null);
  });

  it('offers no transfer to a number that cannot be dialled', async () => {
    const dialog = await openTransfer(await setup(), 'not a number');

    expect(dialog.querySelector<HTMLButtonElement>('button.blind')!.disabled).to.equal(true);
    expect(dialog.querySelector<HTMLButtonElement>('button.consult')!.disabled).to.equal(true);
  });

  it('consults first, then offers Complete, Conference, Switch and Cancel; Complete hands the caller over', async () => {
    const setupResult = await setup();
    const { phone, core, root, callId } = setupResult;
    const dialog = await openTransfer(setupResult, '3003');

    dialog.querySelector<HTMLButtonElement>('button.consult')!.click();
    await waitUntil(() => core.snapshot().consultation, 'no consultation starts');
    const transfer = root.querySelector<RsTransferDialog>('rs-transfer-dialog')!;
    await transfer.updateComplete;
    const buttons = () => [...transfer.shadowRoot!.querySelectorAll<HTMLButtonElement>('.consult button')].map((b) => [b.textContent, b.disabled]);
    expect(phone.commands).to.deep.equal([{ name: 'attendedTransfer', args: [callId, '3003'] }]);
    expect(transfer.shadowRoot!.querySelector('h2')!.textContent).to.equal('Calling 3003…');
    expect(buttons()).to.deep.equal([['Complete transfer', true], ['Conference all three', true], ['Switch line', true], ['Cancel transfer', false]]);

    phone.farEndAnswers(core.snapshot().consultation!.consultId);
    await transfer.updateComplete;
    expect(transfer.shadowRoot!.querySelector('h2')!.textContent).to.equal('Talking to 3003');
    expect(buttons()).to.deep.equal([['Complete transfer', false], ['Conference all three', false], ['Switch line', false], ['Cancel transfer', false]]);
    transfer.shadowRoot!.querySelector<HTMLButtonElement>('button.complete')!.click();
    await waitUntil(() => phone.calls.length === 0, 'the transfer never completes');

    expect(phone.commands.at(-1)).to.deep.equal({ name: 'completeAttendedTransfer', args: [] });
  });

  it('cancels a consultation: the consult call ends and the caller is back on the line', async () => {
    const setupResult = await setup();
    const { phone, core, root, callId } = setupResult;
    const dialog = await openTransfer(setupResult, '3003');
    dialog.querySelector<HTMLButtonElement>('button.consult')!.click();
    await waitUntil(() => core.snapshot().consultation, 'no consultation starts');
    const transfer = root.querySelector<RsTransferDialog>('rs-transfer-dialog')!;
    await transfer.updateComplete;

    transfer.shadowRoot!.querySelector<HTMLButtonElement>('button.cancel')!.click();
    await waitUntil(() => !core.snapshot().consultation, 'the consultation never ends');

    expect(phone.commands.at(-1)).to.deep.equal({ name: 'cancelAttendedTransfer', args: [] });
    expect(phone.calls.map((c) => [c.callId, c.state, c.held])).to.deep.equal([[callId, 'active', false]]);
  });
});
