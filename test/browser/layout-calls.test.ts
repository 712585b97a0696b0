import { expect } from '@open-wc/testing';
import { mountPhone, unmountAll } from '../support/phone.js';

const badge = (phone: HTMLElement) => phone.shadowRoot!.querySelector('.badge')!.textContent;

describe('layout during real calls', () => {
  afterEach(() => unmountAll());

  it('a phone hidden in its icon shows a badge and pulses while a call rings, and stops when it ends', async () => {
    const agent = await mountPhone('1001', { attributes: { 'hide-in-icon': '' } });
    const caller = await mountPhone('2001');
    agent.phone.hideInIcon();

    await caller.phone.dial('1001');
    await agent.log.next('OnIncomingCallRinging');
    const whileRinging = { ringing: agent.phone.hasAttribute('ringing'), badge: badge(agent.phone), view: agent.phone.view };
    await caller.phone.hangUp();
    await agent.log.next('OnAgentRingNoAnswer');

    expect(whileRinging).to.deep.equal({ ringing: true, badge: '1', view: 'icon' });
    expect(agent.phone.hasAttribute('ringing')).to.equal(false);
    expect(badge(agent.phone)).to.equal('');
  });

  it('autoMaximize restores a hidden phone when a call rings', async () => {
    const agent = await mountPhone('1001', { attributes: { 'hide-to-side': '', 'auto-maximize': '' } });
    const caller = await mountPhone('2001');
    agent.phone.hideToSide();
    expect(agent.phone.view).to.equal('side');

    await caller.phone.dial('1001');
    await agent.log.next('OnIncomingCallRinging');

    expect(agent.phone.view).to.equal('open');
    await caller.phone.hangUp();
  });
});
