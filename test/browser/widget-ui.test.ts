import { expect } from '@open-wc/testing';
import { mintToken, mountPhone, unmountAll } from '../support/phone.js';

/**
 * What the agent sees and clicks inside the phone. The widget runs in a same-origin iframe
 * here so the test can read and click its shadow DOM.
 */
async function agentWidget(userId: string): Promise<HTMLIFrameElement> {
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

async function gone(frame: HTMLIFrameElement, selector: string, timeoutMs = 15000): Promise<void> {
  const started = Date.now();
  while (frame.contentDocument?.querySelector('rs-app')?.shadowRoot?.querySelector(selector)) {
    if (Date.now() - started > timeoutMs) throw new Error(`${selector} never went away`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the phone UI', () => {
  afterEach(() => {
    unmountAll();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('shows an incoming call with caller id, answers with its button, times the call and hangs up', async () => {
    const frame = await agentWidget('1001');
    const caller = await mountPhone('2001');

    await caller.phone.dial('1001');
    const card = await find(frame, ['rs-incoming-call', '.card']);
    expect(card.querySelector('.name')!.textContent).to.equal('Customer Phone');
    expect(card.querySelector('.number')!.textContent).to.equal('2001');
    const answer = [...card.querySelectorAll('button')].find((b) => b.textContent === 'Answer')!;
    answer.click();

    await caller.log.next('OnOutgoingCallAnswered');
    const active = await find(frame, ['rs-active-call', '.card']);
    expect(active.querySelector('.label')!.textContent).to.equal('In call');
    expect(active.querySelector('.timer')!.textContent).to.match(/^00:00:0\d$/);
    const mute = [...active.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Mute')!;
    mute.click();
    await find(frame, ['rs-active-call', 'button[aria-pressed="true"]']);
    const hangUp = [...active.querySelectorAll('button')].find((b) => b.textContent === 'Hang up')!;
    hangUp.click();

    const ended = await caller.log.next('OnOutgoingCallHangup');
    expect(ended.data.call.endReason).to.equal('remote_hangup');
    await gone(frame, 'rs-active-call');
    await find(frame, ['rs-dial-pad']);
  });

  it('rejects an incoming call with its button', async () => {
    const frame = await agentWidget('1001');
    const caller = await mountPhone('2001');

    await caller.phone.dial('1001');
    const card = await find(frame, ['rs-incoming-call', '.card']);
    [...card.querySelectorAll('button')].find((b) => b.textContent === 'Reject')!.click();

    const cancelled = await caller.log.next('OnOutgoingCallCancelled');
    expect(cancelled.data.call.endReason).to.equal('busy');
    await gone(frame, 'rs-incoming-call');
  });

  it('dials from the dial pad', async () => {
    const frame = await agentWidget('1001');
    const callee = await mountPhone('2001');

    const input = await find(frame, ['rs-dial-pad', 'input']);
    for (const key of ['2', '0', '0', '1']) {
      const button = [...(await find(frame, ['rs-dial-pad', '.keys'])).querySelectorAll('button')].find((b) => b.textContent === key)!;
      button.click();
    }
    await (frame.contentDocument!.querySelector('rs-app')!.shadowRoot!.querySelector('rs-dial-pad') as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect((input as HTMLInputElement).value).to.equal('2001');
    (await find(frame, ['rs-dial-pad', 'button.call'])).click();

    const ringing = await callee.log.next('OnIncomingCallRinging');
    expect(ringing.data.call.remoteNumber).to.equal('1001');
    await find(frame, ['rs-active-call', '.card']);
    await callee.phone.reject();
    await gone(frame, 'rs-active-call');
  });

  it('refuses a number with forbidden characters without calling', async () => {
    const frame = await agentWidget('1001');

    const input = (await find(frame, ['rs-dial-pad', 'input'])) as HTMLInputElement;
    input.value = '2001@evil.example';
    input.dispatchEvent(new Event('input'));
    await new Promise((resolve) => requestAnimationFrame(resolve));
    (await find(frame, ['rs-dial-pad', 'button.call'])).click();

    const problem = await find(frame, ['rs-dial-pad', '.problem']);
    expect(problem.textContent).to.match(/digits/);
    expect(frame.contentDocument!.querySelector('rs-app')!.shadowRoot!.querySelector('rs-active-call')).to.equal(null);
  });
});
