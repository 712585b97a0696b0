import { expect, html } from '@open-wc/testing';
import { fakeCore, provide } from '../../testing/fake-phone.js';
import './lines.js';
import type { RsLines } from './lines.js';

/** The agent's lines: two answered calls (the first on hold) and one ringing. */
async function setup() {
  const { core, phone } = fakeCore();
  phone.register();
  const first = phone.ring('2001', { name: 'First Customer' });
  await phone.answer(first.callId);
  const second = phone.ring('2002', { name: 'Second Customer' });
  await phone.answer(second.callId);
  const third = phone.ring('2003');
  const element = await provide<RsLines>(core, html`<rs-lines></rs-lines>`);
  const rows = () => [...element.shadowRoot!.querySelectorAll<HTMLElement>('li.line')];
  const row = (callId: string) => element.shadowRoot!.querySelector<HTMLElement>(`li[data-call-id="${callId}"]`)!;
  phone.commands.length = 0;
  return { core, phone, element, rows, row, ids: [first.callId, second.callId, third.callId] as const };
}

describe('<rs-lines>', () => {
  it('lists every call, the one the agent is on marked current', async () => {
    const { rows, ids } = await setup();

    expect(rows().map((li) => [li.dataset.callId, li.querySelector('.who')!.textContent, li.querySelector('.state')!.textContent, li.getAttribute('aria-current')])).to.deep.equal([
      [ids[0], 'First Customer', 'On hold', 'false'],
      [ids[1], 'Second Customer', 'In call', 'true'],
      [ids[2], '2003', 'Incoming call', 'false'],
    ]);
  });

  it('offers Resume only on the held line; Resume unholds that call, which holds the other', async () => {
    const { phone, element, rows, row, ids } = await setup();
    expect(rows().map((li) => Boolean(li.querySelector('button.resume')))).to.deep.equal([true, false, false]);

    row(ids[0]).querySelector<HTMLButtonElement>('button.resume')!.click();
    await element.updateComplete;

    expect(phone.commands).to.deep.equal([{ name: 'setHeld', args: [ids[0], false] }]);
    expect(phone.calls.map((c) => [c.callId, c.held])).to.deep.equal([
      [ids[0], false],
      [ids[1], true],
      [ids[2], false],
    ]);
    expect(row(ids[0]).getAttribute('aria-current')).to.equal('true');
    expect(row(ids[1]).getAttribute('aria-current')).to.equal('false');
  });

  it('hangs up the line whose Hang up was pressed, and drops it from the list', async () => {
    const { phone, element, rows, row, ids } = await setup();

    row(ids[0]).querySelector<HTMLButtonElement>('button.danger')!.click();
    await element.updateComplete;

    expect(phone.commands).to.deep.equal([{ name: 'hangUp', args: [ids[0]] }]);
    expect(rows().map((li) => li.dataset.callId)).to.deep.equal([ids[1], ids[2]]);
  });
});
