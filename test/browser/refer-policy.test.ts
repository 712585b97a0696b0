import { expect } from '@open-wc/testing';
import type { RingsideEvent } from '../../src/element/events.js';
import { mintToken, mountPhone, unmountAll, type MountedPhone } from '../support/phone.js';

/**
 * Finding 3: a caller must not be able to make the agent's phone call anyone. A raw SIP
 * peer (test/support/sip-peer.ts, driven through test-only routes) registers as customer
 * 2002, calls agent 1001 and sends REFERs a real phone never would. What the far ends see
 * (colleague 1002 ringing or not, the status the peer got) shows what the phone did.
 */

type Params = Record<string, string | string[]>;

async function peer<T = Record<string, unknown>>(op: string, params: Params = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const one of [value].flat()) query.append(name, one);
  const body = (await (await fetch(`/test-only/sip-peer/${op}?${query}`)).json()) as T & { error?: string };
  if (body.error) throw new Error(`peer ${op}: ${body.error}`);
  return body;
}

async function setPolicy(policy: 'never' | 'internal' | 'ask'): Promise<void> {
  const { referPolicy } = (await (await fetch(`/test-only/refer-policy?policy=${policy}`)).json()) as { referPolicy: string };
  expect(referPolicy).to.equal(policy);
}

const referStatus = async (referTo: string) => (await peer<{ status: number }>('refer', { referTo })).status;

/** The raw caller dials agent 1001 and waits for the answer (given by `answer`). */
async function peerCalls(answer: () => Promise<unknown>): Promise<void> {
  await peer('open', { user: '2002' });
  await peer('call', { to: '1001', fromName: 'Second Customer' });
  await answer();
  expect((await peer<{ status: number }>('answered')).status).to.equal(200);
}

/** Raw caller 2002 on the line with agent 1001 (a host-driven phone); colleague 1002 is logged in. */
async function callerOnTheLine(): Promise<{ agent: MountedPhone; colleague: MountedPhone }> {
  const agent = await mountPhone('1001');
  const colleague = await mountPhone('1002');
  await peerCalls(async () => {
    await agent.log.next('OnIncomingCallRinging');
    await agent.phone.answer();
  });
  await agent.log.next('OnIncomingCallAnswered');
  return { agent, colleague };
}

/** Proving that nothing was dialled needs time for a wrongly placed INVITE to arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1500));

async function expectNothingDialled(agent: MountedPhone, colleague: MountedPhone): Promise<void> {
  await settle();
  expect(colleague.log.names()).not.to.include('OnIncomingCallRinging');
  expect(agent.log.names()).not.to.include('OnOutgoingCallInitialized');
  // The refused request left the call as it was.
  const { calls } = await agent.phone.queryStatus();
  expect(calls.map((c) => [c.direction, c.remoteNumber, c.state])).to.deep.equal([['inbound', '2002', 'active']]);
}

// The finding's own Refer-To: sip.js used to decode the Replaces value into the INVITE.
const INJECTED =
  '<sip:1002@ringside.local?Replaces=x%0D%0AP-Asserted-Identity%3A%20%22Alice%20Agent%22%20%3Csip%3A1001%40ringside.local%3E%0D%0AX-Injected%3A%20pwned>';

describe('REFER from the far end', () => {
  afterEach(async () => {
    unmountAll();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
    await peer('close');
    await setPolicy('internal');
  });

  it('refuses a Refer-To with injected headers: 403, no INVITE anywhere, the call goes on', async () => {
    await setPolicy('internal');
    const { agent, colleague } = await callerOnTheLine();

    const status = await referStatus(INJECTED);
    const refused = await agent.log.next('OnTransferRequestRefused');

    expect(status).to.equal(403);
    expect(refused.data.request).to.include({ state: 'refused', refusal: 'headers', fromNumber: '2002', target: '1002' });
    expect(refused.data.request.error!.code).to.equal('transfer_refused');
    await expectNothingDialled(agent, colleague);
  });

  it('refuses other header tricks and URIs outside the rules with 403', async () => {
    await setPolicy('internal');
    const { agent, colleague } = await callerOnTheLine();

    const statuses = [];
    for (const referTo of [
      '<sip:1002@ringside.local?X-Injected=pwned>',
      '<sip:1002@ringside.local?Replaces=a%3Bto-tag%3Dt%3Bfrom-tag%3Df&P-Asserted-Identity=%3Csip%3A1001%40ringside.local%3E>',
      '<sip:1002@ringside.local?Replaces=a%00%3Bto-tag%3Dt%3Bfrom-tag%3Df>',
      '<sip:1002@ringside.local;transport=tcp>',
      '<sip:1002@ringside.local>;method=INVITE',
    ]) {
      statuses.push(await referStatus(referTo));
    }

    expect(statuses).to.deep.equal([403, 403, 403, 403, 403]);
    await expectNothingDialled(agent, colleague);
  });

  it('gives no answer and dials nothing for a Refer-To that sip.js cannot even parse', async () => {
    await setPolicy('internal');
    const { agent, colleague } = await callerOnTheLine();

    // sip.js drops such a REFER before the phone sees it; the sender's transaction times out.
    const outcomes = [];
    for (const referTo of ['<tel:1002>', 'sip:1002@ringside.local?X-Injected=pwned', '<sip:1002@ringside.local>, <sip:1003@ringside.local>']) {
      outcomes.push(await peer('refer', { referTo, timeoutMs: '1500' }).then(() => 'answered', (error: Error) => error.message.replace(/^peer refer: /, '')));
    }

    expect(outcomes).to.deep.equal(Array(3).fill('no final response to REFER within 1500 ms'));
    await expectNothingDialled(agent, colleague);
  });

  it("policy 'never' refuses even a plain blind transfer to a colleague", async () => {
    await setPolicy('never');
    const { agent, colleague } = await callerOnTheLine();

    const status = await referStatus('<sip:1002@ringside.local>');
    const refused = await agent.log.next('OnTransferRequestRefused');

    expect(status).to.equal(403);
    expect(refused.data.request.refusal).to.equal('policy');
    await expectNothingDialled(agent, colleague);
  });

  it("policy 'internal' follows a transfer to an internal extension: the colleague rings", async () => {
    await setPolicy('internal');
    const { agent, colleague } = await callerOnTheLine();

    const status = await referStatus('<sip:1002@ringside.local>');
    const ringing = await colleague.log.next('OnIncomingCallRinging');

    expect(status).to.equal(202);
    expect((await agent.log.next('OnTransferRequestAccepted')).data.request.target).to.equal('1002');
    expect(ringing.data.call.remoteNumber).to.equal('1001');
    expect(ringing.data.call.variables).to.equal(undefined);
    const placed = await agent.log.next('OnOutgoingCallInitialized');
    expect([placed.data.call.remoteNumber, placed.data.call.identity]).to.deep.equal(['1002', 'asserted']);
  });

  it("policy 'internal' refuses a trunk-like number and a foreign domain", async () => {
    await setPolicy('internal');
    const { agent, colleague } = await callerOnTheLine();

    const trunk = await referStatus('<sip:18005550100@ringside.local>');
    const foreign = await referStatus('<sip:1002@evil.example>');

    expect([trunk, foreign]).to.deep.equal([403, 403]);
    const refusals = agent.log.events.filter((e) => e.name === 'OnTransferRequestRefused').map((e) => (e as RingsideEvent<'OnTransferRequestRefused'>).data.request);
    expect(refusals.map((r) => [r.refusal, r.target])).to.deep.equal([['target', '18005550100'], ['domain', '']]);
    await expectNothingDialled(agent, colleague);
  });
});

/** The agent's phone in a same-origin iframe, so the test can read and click its screen. */
async function agentScreen(userId: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 360px; height: 560px';
  frame.src = `/widget/?token=${encodeURIComponent(await mintToken(userId))}`;
  document.body.append(frame);
  await find(frame, ['rs-status-bar', '.bar[data-state="registered"]']);
  return frame;
}

/** Walks a path of selectors, entering each element's shadow root; waits until it exists. */
async function find(frame: HTMLIFrameElement, path: string[], timeoutMs = 15000): Promise<HTMLElement> {
  const started = Date.now();
  for (;;) {
    let node: ParentNode | null | undefined = frame.contentDocument?.querySelector('rs-app')?.shadowRoot;
    let found: HTMLElement | null = null;
    for (const selector of path) {
      found = node?.querySelector<HTMLElement>(selector) ?? null;
      node = found?.shadowRoot ?? found;
      if (!found) break;
    }
    if (found) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`never found ${path.join(' › ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const button = (card: HTMLElement, label: string) => [...card.querySelectorAll('button')].find((b) => b.textContent!.trim() === label)!;

describe("REFER under policy 'ask'", () => {
  afterEach(async () => {
    unmountAll();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
    await peer('close');
    await setPolicy('internal');
  });

  async function askedOnScreen(): Promise<{ frame: HTMLIFrameElement; colleague: MountedPhone; refer: Promise<number>; card: HTMLElement }> {
    await setPolicy('ask');
    const frame = await agentScreen('1001');
    const colleague = await mountPhone('1002');
    await peerCalls(async () => button(await find(frame, ['rs-incoming-call', '.card']), 'Answer').click());
    await find(frame, ['rs-active-call', '.card']);
    // A trunk-like number: under 'ask' the agent decides.
    const refer = referStatus('<sip:18005550100@ringside.local>');
    const card = await find(frame, ['rs-transfer-request', '.card']);
    return { frame, colleague, refer, card };
  }

  it('shows who asks and where to, with Accept and Decline; Decline answers 603 and calls no one', async () => {
    const { frame, colleague, refer, card } = await askedOnScreen();

    expect(card.querySelector('.from')!.textContent).to.equal('Second Customer');
    expect(card.querySelector('.target')!.textContent).to.equal('18005550100');
    expect(card.getAttribute('aria-labelledby')).to.equal('title');
    const decline = button(card, 'Decline');
    expect(button(card, 'Accept').tagName).to.equal('BUTTON'); // native buttons: focusable, Enter/Space work
    decline.focus();
    decline.click();

    expect(await refer).to.equal(603);
    await settle();
    expect(frame.contentDocument!.querySelector('rs-app')!.shadowRoot!.querySelector('rs-transfer-request')).to.equal(null);
    expect(colleague.log.names()).not.to.include('OnIncomingCallRinging');
    await find(frame, ['rs-active-call', '.card']); // the call goes on
  });

  it('tells the host who asks and where to, and that the request ended with the call', async () => {
    await setPolicy('ask');
    const { agent, colleague } = await callerOnTheLine();

    const refer = peer<{ status: number }>('refer', { referTo: '<sip:18005550100@ringside.local>', timeoutMs: '8000' });
    const requested = await agent.log.next('OnTransferRequested');
    await peer('bye');
    const refused = await agent.log.next('OnTransferRequestRefused');

    expect(requested.data.request).to.include({ state: 'asking', fromNumber: '2002', fromName: 'Second Customer', fromIdentity: 'asserted', target: '18005550100' });
    expect(Date.parse(requested.data.request.expiresAt!)).to.be.greaterThan(Date.now());
    expect(refused.data.request).to.include({ requestId: requested.data.request.requestId, refusal: 'ended' });
    expect((await refer).status).to.equal(603);
    expect(colleague.log.names()).not.to.include('OnIncomingCallRinging');
  });

  it('Accept answers 202 and places the call', async () => {
    await setPolicy('ask');
    const frame = await agentScreen('1001');
    const colleague = await mountPhone('1002');
    await peerCalls(async () => button(await find(frame, ['rs-incoming-call', '.card']), 'Answer').click());
    await find(frame, ['rs-active-call', '.card']);
    const refer = referStatus('<sip:1002@ringside.local>');

    button(await find(frame, ['rs-transfer-request', '.card']), 'Accept').click();

    expect(await refer).to.equal(202);
    const ringing = await colleague.log.next('OnIncomingCallRinging');
    expect(ringing.data.call.remoteNumber).to.equal('1001');
  });
});
