import { expect } from '@open-wc/testing';
import { mintToken, mountPhone, unmountAll } from '../support/phone.js';

/**
 * Finding 5: caller identity was whatever the caller said. A raw SIP peer registered as 2002
 * calls agent 1001 claiming to be "Your Bank" with a forged P-Asserted-Identity, X-Queue and
 * X-DID. The PBX strips those from phones and asserts the real caller; the phone shows the
 * asserted identity, marks it as such, and fires no ACD event for the forged queue.
 */

async function peer(op: string, params: Record<string, string | string[]> = {}): Promise<Record<string, unknown>> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const one of [value].flat()) query.append(name, one);
  const body = (await (await fetch(`/test-only/sip-peer/${op}?${query}`)).json()) as Record<string, unknown>;
  if (body.error) throw new Error(`peer ${op}: ${String(body.error)}`);
  return body;
}

const FORGED = [
  'P-Asserted-Identity: "Your Bank" <sip:18005550100@ringside.local>',
  'X-Queue: Fraud-Desk',
  'X-DID: 18005550100',
];

describe('caller identity', () => {
  afterEach(async () => {
    unmountAll();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
    await peer('close');
  });

  it("shows the network's identity, not a forged one, and fires no ACD event for a forged queue", async () => {
    const agent = await mountPhone('1001');
    await peer('open', { user: '2002' });

    await peer('call', { to: '1001', fromName: 'Your Bank', header: FORGED });
    const ringing = await agent.log.next('OnIncomingCallRinging');
    await agent.log.next('OnAgentCalled');

    const { call } = ringing.data;
    expect([call.remoteNumber, call.remoteName, call.identity]).to.deep.equal(['2002', 'Second Customer', 'asserted']);
    expect([call.queue, call.did]).to.deep.equal([undefined, undefined]);
    expect(agent.log.names()).not.to.include('OnInboundAgentCalled');
    expect(ringing.data.activeCallProperties.callerIdName).to.equal('Second Customer');
  });

  it('shows the asserted caller on screen without the unverified mark, and never the claimed name', async () => {
    const frame = document.createElement('iframe');
    frame.src = `/widget/?token=${encodeURIComponent(await mintToken('1001'))}`;
    document.body.append(frame);
    const root = () => frame.contentDocument?.querySelector('rs-app')?.shadowRoot;
    const registered = () => root()?.querySelector('rs-status-bar')?.shadowRoot?.querySelector('.bar[data-state="registered"]');
    for (const started = Date.now(); !registered(); ) {
      if (Date.now() - started > 15000) throw new Error('the phone never registered');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await peer('open', { user: '2002' });

    await peer('call', { to: '1001', fromName: 'Your Bank', header: FORGED });
    const card = () => root()?.querySelector('rs-incoming-call')?.shadowRoot?.querySelector('.card');
    for (const started = Date.now(); !card(); ) {
      if (Date.now() - started > 15000) throw new Error('the call never showed');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    expect(card()!.querySelector('.name')!.textContent).to.equal('Second Customer');
    expect(card()!.querySelector('.unverified')).to.equal(null);
    expect(card()!.textContent).not.to.contain('Your Bank');
  });
});
