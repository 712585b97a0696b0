import { expect, html, waitUntil } from '@open-wc/testing';
import { render, type LitElement } from 'lit';
import '../components/active-call/active-call.js';
import '../components/agent-state/agent-state.js';
import '../components/lines/lines.js';
import '../components/status-bar/status-bar.js';
import { BrowserClock } from '../services/clock.js';
import type { WidgetSnapshot } from '../services/widget-core.js';
import { fakeCore, provide } from '../testing/fake-phone.js';

/** The browser's clock, with the periods its subscribers need now. */
class InspectedClock extends BrowserClock {
  readonly periods: number[] = [];
  override tick(everyMs: number, listener: () => void): () => void {
    this.periods.push(everyMs);
    const stop = super.tick(everyMs, listener);
    return () => {
      this.periods.splice(this.periods.indexOf(everyMs), 1);
      stop();
    };
  }
}

/** The views that move with time, laid out as `<rs-app>` lays them out (the list of lines always shown). */
const layout = ({ state, calls }: WidgetSnapshot, current: WidgetSnapshot['calls'][number] | undefined) => html`
  <rs-status-bar></rs-status-bar>
  ${state === 'registered' ? html`<rs-agent-state></rs-agent-state>` : null}
  <rs-lines></rs-lines>
  ${current ? html`<rs-active-call .call=${current}></rs-active-call>` : null}
  <p>${calls.length} calls</p>
`;

async function setup() {
  const clock = new InspectedClock();
  const { core, phone } = fakeCore({ clock });
  const screen = await provide<HTMLElement>(core, html`<main></main>`);
  const draw = () => render(layout(core.snapshot(), core.lines.current), screen);
  core.subscribe(draw);
  draw();
  /** Lets every view render and say what ticks it needs. */
  const settled = async () => {
    for (const view of screen.querySelectorAll<LitElement>('rs-status-bar, rs-agent-state, rs-lines, rs-active-call')) await view.updateComplete;
  };
  await settled();
  return { core, phone, clock, screen, settled };
}

describe('the views on one clock', () => {
  it('arm no timer while logged out', async () => {
    const { clock } = await setup();

    expect(clock.periods).to.deep.equal([]);
    expect(clock.armed).to.equal(0);
  });

  it('arm no timer while registered and idle (the agent state shows since when, not a running duration)', async () => {
    const { phone, clock, settled } = await setup();

    phone.register();
    await settled();
    expect(clock.periods).to.deep.equal([]);
    expect(clock.armed).to.equal(0);
  });

  it('share one timer while a call is timed in the call card and the lines, and drop the second ticks when it ends', async () => {
    const { core, phone, clock, screen, settled } = await setup();
    phone.register();
    const call = phone.ring('2001');
    await phone.answer(call.callId);
    await settled();

    expect(screen.querySelector('rs-active-call')).to.exist;
    expect([...clock.periods].sort((a, b) => a - b)).to.deep.equal([1000, 1000]);
    expect(clock.armed).to.equal(1);

    phone.farEndHangsUp(call.callId);
    // After-call work loads when the call is answered; this call ended at once.
    await waitUntil(() => core.snapshot().afterCallWork, 'the wrap-up opens once after-call work is loaded');
    await settled();

    expect(screen.querySelector('rs-active-call')).to.equal(null);
    // The answered call's wrap-up (the tenant's default: 120 s) is timed on the same clock, until it ends.
    expect(clock.periods).to.deep.equal([1000]);
    expect(clock.armed).to.equal(1);
    core.workflow.submit({}, 'agent');
    expect(clock.periods).to.deep.equal([]);
    expect(clock.armed).to.equal(0);
  });

  it('arm none once the views are gone', async () => {
    const { phone, clock, screen, settled } = await setup();
    phone.register();
    await phone.answer(phone.ring('2001').callId);
    await settled();

    render(null, screen);

    expect(clock.periods).to.deep.equal([]);
    expect(clock.armed).to.equal(0);
  });
});
