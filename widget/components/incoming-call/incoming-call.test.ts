import { expect, fixture, html } from '@open-wc/testing';
import type { CallInfo } from '../../../src/protocol/index.js';
import './incoming-call.js';
import type { RsIncomingCall } from './incoming-call.js';

const ringing: CallInfo = {
  callId: 'c1',
  direction: 'inbound',
  remoteNumber: '18005550100',
  remoteName: 'Your Bank',
  identity: 'claimed',
  state: 'ringing',
  muted: false,
  held: false,
  startedAt: '2026-11-29T00:00:00.000Z',
  answeredAt: null,
  endedAt: null,
  duration: 0,
};

async function card(call: CallInfo): Promise<ShadowRoot> {
  const element = await fixture<RsIncomingCall>(html`<rs-incoming-call .call=${call}></rs-incoming-call>`);
  return element.shadowRoot!;
}

describe('<rs-incoming-call> caller identity', () => {
  it('marks a claimed caller id as unverified, visibly and for screen readers', async () => {
    const root = await card(ringing);

    const mark = root.querySelector<HTMLElement>('.unverified')!;
    expect(root.querySelector('.name')!.textContent).to.equal('Your Bank');
    expect(mark.dataset.identity).to.equal('claimed');
    expect(mark.textContent).to.match(/^Unverified: the caller set this name and number, the network did not confirm them$/);
    expect(mark.getBoundingClientRect().width).to.be.greaterThan(0);
    expect(root.querySelector('.who')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal(
      'Your Bank Unverified: the caller set this name and number, the network did not confirm them',
    );
  });

  it('shows an asserted caller id without the mark', async () => {
    const root = await card({ ...ringing, remoteNumber: '2002', remoteName: 'Second Customer', identity: 'asserted' });

    expect(root.querySelector('.unverified')).to.equal(null);
    expect([root.querySelector('.name')!.textContent, root.querySelector('.number')!.textContent]).to.deep.equal(['Second Customer', '2002']);
  });

  it('treats a payload without identity (an older widget) as not marked', async () => {
    const { identity: _old, ...older } = ringing;
    const root = await card(older);

    expect(root.querySelector('.unverified')).to.equal(null);
  });
});
