import { expect, html, waitUntil } from '@open-wc/testing';
import { ManualClock } from '../../services/clock.js';
import { fakeCore, provide } from '../../testing/fake-phone.js';
import './agent-state.js';
import type { RsAgentState } from './agent-state.js';

/** The agent's state, shown and changed in the phone: the same state the host's ready / notReady set. */
async function setup() {
  const clock = new ManualClock();
  const { core, phone } = fakeCore({ clock });
  phone.register();
  const element = await provide<RsAgentState>(core, html`<rs-agent-state></rs-agent-state>`);
  const select = () => element.shadowRoot!.querySelector('select')!;
  const chosen = () => select().selectedOptions[0]?.textContent;
  return { core, phone, clock, element, select, chosen };
}

describe('<rs-agent-state>', () => {
  it('shows “Not ready: Lunch” after the agent state is set not ready for lunch', async () => {
    const { core, element, select, chosen } = await setup();
    expect(chosen()).to.equal('Ready');

    core.setAgentState('not_ready', 'lunch');
    await element.updateComplete;

    expect(select().value).to.equal('nr:lunch');
    expect(chosen()).to.equal('Not ready: Lunch');
    expect(element.shadowRoot!.querySelector('.state')).to.have.attribute('data-ready', 'false');
  });

  it('shows a reason the tenant does not list, as the host sent it', async () => {
    const { core, element, chosen } = await setup();

    core.setAgentState('not_ready', 'training');
    await element.updateComplete;

    expect(chosen()).to.equal('Not ready: training');
  });

  it('makes the agent ready when Ready is chosen in its list', async () => {
    const { core, element, select } = await setup();
    core.setAgentState('not_ready', 'lunch');
    await element.updateComplete;

    select().value = 'ready';
    select().dispatchEvent(new Event('change'));

    await waitUntil(() => core.snapshot().agentState.ready);
    expect(core.snapshot().agentState).to.include({ state: 'ready', reason: '' });
    expect((await core.status()).agent).to.equal(null); // not logged in here: the host's view needs an agent
  });

  it('makes the agent not ready with the reason chosen in its list', async () => {
    const { core, select } = await setup();

    select().value = 'nr:break';
    select().dispatchEvent(new Event('change'));

    await waitUntil(() => core.snapshot().agentState.state === 'not_ready');
    expect(core.snapshot().agentState).to.include({ ready: false, reason: 'break' });
  });

  it('shows since when the agent is in the state, restarting when the state changes', async () => {
    const { core, clock, element } = await setup();
    const at = (ms: number) => new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(ms);
    const shown = () => element.shadowRoot!.querySelector('.since')!.textContent!.trim();
    const entered = clock.now();
    clock.advance(65 * 60_000);
    await element.updateComplete;
    expect(shown()).to.equal(`since ${at(entered)}`);

    core.setAgentState('not_ready', 'lunch');
    await element.updateComplete;
    expect(shown()).to.equal(`since ${at(clock.now())}`);
  });

  it('offers Do not disturb, and shows After-call work while a call is wrapped up', async () => {
    const { core, phone, element, select, chosen } = await setup();

    select().value = 'dnd';
    select().dispatchEvent(new Event('change'));
    await waitUntil(() => core.snapshot().agentState.state === 'dnd');
    await element.updateComplete;
    expect(chosen()).to.equal('Do not disturb');

    core.setAgentState('ready');
    const call = phone.ring('2001');
    await phone.answer(call.callId);
    phone.farEndHangsUp(call.callId);
    await element.updateComplete;

    expect(core.snapshot().agentState.state).to.equal('after_call_work');
    expect(chosen()).to.equal('After-call work');
    expect(element.shadowRoot!.querySelector('.state')).to.have.attribute('data-state', 'after_call_work');
  });
});
