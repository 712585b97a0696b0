import { expect, waitUntil } from '@open-wc/testing';
import type { AxeResults, NodeResult } from 'axe-core';
import { mintToken, mountPhone, unmountAll, type MountedPhone } from '../support/phone.js';

/**
 * axe-core on the phone in every state an agent meets, on real calls through the dev PBX.
 * The agent's phone runs in a same-origin iframe (the test can read and click its shadow DOM);
 * axe runs inside that frame, on its whole document, shadow roots included, with its default
 * rules. Customers and the colleague are `<ringside-phone>` elements driven through the SDK;
 * the agent is driven through the widget's own buttons, as an agent would.
 */

type AxeWindow = Window & { axe?: typeof import('axe-core') };

async function agentWidget(userId = '1001'): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 360px; height: 560px; border: 0';
  frame.title = 'Ringside phone';
  frame.src = `/widget/?token=${encodeURIComponent(await mintToken(userId))}`;
  document.body.append(frame);
  await find(frame, ['rs-status-bar', '.bar[data-state="registered"]']);
  await find(frame, ['rs-dial-pad', 'button.call']);
  return frame;
}

/** The element at the end of `path`, entering each element's shadow root on the way, or null. */
function query(frame: HTMLIFrameElement, path: readonly string[]): HTMLElement | null {
  let node: ParentNode | null | undefined = frame.contentDocument?.querySelector('rs-app')?.shadowRoot;
  let found: HTMLElement | null = null;
  for (const selector of path) {
    found = node?.querySelector<HTMLElement>(selector) ?? null;
    if (!found) return null;
    node = found.shadowRoot ?? found;
  }
  return found;
}

/** Waits until `path` leads to an element (lazy chunks and SIP round trips take their time). */
async function find(frame: HTMLIFrameElement, path: readonly string[], timeout = 15000): Promise<HTMLElement> {
  let found: HTMLElement | null = null;
  await waitUntil(() => (found = query(frame, path)), `never found ${path.join(' › ')}`, { timeout, interval: 20 });
  return found!;
}

/** Clicks the button with this text in the element at `path`, once it is there and enabled. */
async function click(frame: HTMLIFrameElement, path: readonly string[], text: string): Promise<void> {
  let button: HTMLButtonElement | undefined;
  await waitUntil(
    () => (button = [...(query(frame, path)?.querySelectorAll('button') ?? [])].find((b) => b.textContent!.trim() === text && !b.disabled)),
    `no enabled "${text}" button in ${path.join(' › ')}`,
    { timeout: 15000, interval: 20 },
  );
  button!.click();
}

/** Loads axe-core into the frame's own window, so it measures the widget's own styles and layout. */
async function axeIn(frame: HTMLIFrameElement): Promise<NonNullable<AxeWindow['axe']>> {
  const win = frame.contentWindow as AxeWindow;
  if (!win.axe) {
    const doc = frame.contentDocument!;
    const script = doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve, reject) => {
      script.onload = resolve;
      script.onerror = () => reject(new Error('axe-core did not load into the widget frame'));
    });
    doc.head.append(script);
    await loaded;
  }
  return win.axe!;
}

/** A selector axe gives for an element, shadow hosts joined by ›. */
const selectorOf = (node: NodeResult): string => node.target.map((part) => (Array.isArray(part) ? part.join(' › ') : part)).join(' | ');

/** Each violation as one line: rule, impact, where, and what axe says is wrong there. */
function describeViolations(results: AxeResults): string[] {
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact ?? node.impact ?? 'no impact'}) at ${selectorOf(node)}: ${(node.failureSummary ?? violation.help).replace(/\s+/g, ' ')}`),
  );
}

/** Runs axe on the frame's whole document, shadow roots included, and expects no violation. */
async function expectNoViolations(frame: HTMLIFrameElement, state: string): Promise<void> {
  const axe = await axeIn(frame);
  // Lit renders in microtasks: let the state just reached finish rendering first.
  await new Promise((resolve) => frame.contentWindow!.requestAnimationFrame(resolve));
  const results = await axe.run(frame.contentDocument!, { resultTypes: ['violations'] });
  expect(describeViolations(results), `axe violations in state "${state}"`).to.deep.equal([]);
}

/** Agent 1001 (in the frame) with customer 2001 ringing in. */
async function agentRinging(): Promise<{ frame: HTMLIFrameElement; customer: MountedPhone }> {
  const frame = await agentWidget();
  const customer = await mountPhone('2001');
  await customer.phone.dial('1001');
  await find(frame, ['rs-incoming-call', '.card']);
  return { frame, customer };
}

/** Agent 1001 talking to customer 2001, answered with the card's Answer button. */
async function agentInCall(): Promise<{ frame: HTMLIFrameElement; customer: MountedPhone }> {
  const { frame, customer } = await agentRinging();
  await click(frame, ['rs-incoming-call', '.card'], 'Answer');
  await customer.log.next('OnOutgoingCallAnswered');
  await find(frame, ['rs-active-call', '.card .hang-up']);
  return { frame, customer };
}

/** In call with 2001, and 2002 ringing in as a waiting call. */
async function agentWithWaitingCall(): Promise<{ frame: HTMLIFrameElement; first: MountedPhone; second: MountedPhone }> {
  const { frame, customer: first } = await agentInCall();
  const second = await mountPhone('2002');
  await second.phone.dial('1001');
  await find(frame, ['rs-incoming-call', '.card[data-waiting="true"]']);
  await find(frame, ['rs-lines', 'li.line[data-state="ringing"]']);
  return { frame, first, second };
}

/** Both customers answered: 2001 held, 2002 the current line. */
async function agentOnTwoLines(): Promise<{ frame: HTMLIFrameElement; first: MountedPhone; second: MountedPhone }> {
  const lines = await agentWithWaitingCall();
  await click(lines.frame, ['rs-incoming-call', '.card'], 'Hold and answer');
  await lines.second.log.next('OnOutgoingCallAnswered');
  await find(lines.frame, ['rs-lines', 'li.line[data-held="true"]']);
  await waitUntil(() => !query(lines.frame, ['rs-incoming-call']), 'the waiting card never went away', { timeout: 15000 });
  return lines;
}

/** Opens the transfer dialog from the call card; its code loads on first open. */
async function openTransfer(frame: HTMLIFrameElement): Promise<HTMLInputElement> {
  await click(frame, ['rs-active-call', '.card'], 'Transfer');
  return (await find(frame, ['rs-active-call', 'rs-transfer-dialog', 'form input'])) as HTMLInputElement;
}

describe('accessibility: axe finds nothing in any state of the phone', () => {
  afterEach(() => {
    unmountAll();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  it('idle: registered, with the dial pad', async () => {
    const frame = await agentWidget();

    await expectNoViolations(frame, 'idle');
  });

  it('settings panel open', async () => {
    const frame = await agentWidget();

    (await find(frame, ['.settings-button'])).click();
    await find(frame, ['rs-settings', 'h2']);

    await expectNoViolations(frame, 'settings');

    // The URL-trigger form, with a refused URL shown.
    (await find(frame, ['rs-settings', 'rs-triggers-settings', 'button.add'])).click();
    const url = (await find(frame, ['rs-settings', 'rs-triggers-settings', '#trigger-url'])) as HTMLInputElement;
    url.value = 'javascript:alert(1)';
    url.dispatchEvent(new Event('input'));
    await find(frame, ['rs-settings', 'rs-triggers-settings', '#trigger-check[data-code="scheme_not_allowed"]']);
    await expectNoViolations(frame, 'settings: a URL trigger refused');
  });

  it('call history: the badge of a missed call, the view open, the clear confirmation', async () => {
    const frame = await agentWidget();
    const customer = await mountPhone('2001');
    await customer.phone.dial('1001');
    await find(frame, ['rs-incoming-call', '.card']);
    await customer.phone.hangUp();
    await find(frame, ['.history-button .badge']);
    await expectNoViolations(frame, 'missed-calls badge');

    (await find(frame, ['.history-button'])).click();
    await find(frame, ['rs-history', 'li.call button.redial']);
    await expectNoViolations(frame, 'call history');

    await click(frame, ['rs-history', 'section'], 'Clear history');
    await find(frame, ['rs-history', '.confirm button.clear-yes']);
    await expectNoViolations(frame, 'clear history confirmation');
  });

  it('ringing: the incoming call card', async () => {
    const { frame } = await agentRinging();

    await expectNoViolations(frame, 'ringing');
  });

  it('in call: the active call card', async () => {
    const { frame } = await agentInCall();

    await expectNoViolations(frame, 'in call');
  });

  it('after-call work: the wrap-up panel once the caller hung up, a disposition chosen', async () => {
    const { frame, customer } = await agentInCall();
    await customer.phone.hangUp();
    const disposition = (await find(frame, ['rs-after-call', 'select#disposition'])) as HTMLSelectElement;
    await expectNoViolations(frame, 'after-call work');

    disposition.value = 'resolved';
    disposition.dispatchEvent(new Event('change'));
    await expectNoViolations(frame, 'after-call work, disposition chosen');
  });

  it('in call with the keypad open', async () => {
    const { frame } = await agentInCall();

    await click(frame, ['rs-active-call', '.card'], 'Keypad');
    await find(frame, ['rs-active-call', 'rs-keypad', '.keys button']);

    await expectNoViolations(frame, 'keypad');
  });

  it('transfer dialog open', async () => {
    const { frame } = await agentInCall();

    await openTransfer(frame);

    await expectNoViolations(frame, 'transfer dialog');
  });

  it('consultation under way: the colleague answered', async () => {
    const { frame } = await agentInCall();
    const colleague = await mountPhone('1002');

    const input = await openTransfer(frame);
    input.value = '1002';
    input.dispatchEvent(new Event('input'));
    await click(frame, ['rs-active-call', 'rs-transfer-dialog', 'form'], 'Consult first');
    await colleague.log.next('OnIncomingCallRinging');
    await colleague.phone.answer();
    await find(frame, ['rs-active-call', 'rs-transfer-dialog', '.consult button.complete:not([disabled])']);

    await expectNoViolations(frame, 'consultation');
  });

  it('two lines: a waiting call beside the current one', async () => {
    const { frame } = await agentWithWaitingCall();

    await expectNoViolations(frame, 'call waiting');
  });

  it('two lines: the waiting call answered, the first held', async () => {
    const { frame } = await agentOnTwoLines();

    await expectNoViolations(frame, 'two lines');
  });

  it('conference of the agent and both customers', async () => {
    const { frame } = await agentOnTwoLines();

    await click(frame, ['rs-active-call', '.card'], 'Conference');
    await find(frame, ['rs-active-call', '.card button.leave']);

    await expectNoViolations(frame, 'conference');
  });
});
