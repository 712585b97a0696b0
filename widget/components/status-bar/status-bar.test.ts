import { expect, html } from '@open-wc/testing';
import { ErrorCode } from '../../../src/protocol/index.js';
import { fakeCore, provide } from '../../testing/fake-phone.js';
import './status-bar.js';
import type { RsStatusBar } from './status-bar.js';

/** The status bar says how the phone is connected; the agent's ready state is not its business. */
async function setup() {
  const { core, phone } = fakeCore();
  const bar = await provide<RsStatusBar>(core, html`<rs-status-bar></rs-status-bar>`);
  const shown = async () => {
    await bar.updateComplete;
    return bar.shadowRoot!.querySelector('[role="status"]')!.textContent;
  };
  return { core, phone, bar, shown };
}

describe('<rs-status-bar>', () => {
  it('says Connected when registered, and still Connected (never Ready) whatever the agent state', async () => {
    const { core, phone, bar, shown } = await setup();

    phone.register();
    expect(await shown()).to.equal('Connected');
    core.setAgentState('not_ready', 'lunch');
    expect(await shown()).to.equal('Connected');
    expect(bar.shadowRoot!.textContent).not.to.match(/ready/i);
    core.setAgentState('ready');

    expect(await shown()).to.equal('Connected');
    expect(bar.shadowRoot!.textContent).not.to.match(/ready/i);
  });

  it('shows a refused registration, then Reconnecting… when the socket drops, then Connected again', async () => {
    const { phone, bar, shown } = await setup();
    expect(await shown()).to.equal('Logged out');

    phone.register();
    phone.fail({ code: ErrorCode.RegistrationFailed, message: 'SIP server refused registration: 403 Forbidden' });
    expect(await shown()).to.equal('Not connected');
    expect(bar.shadowRoot!.querySelector('[role="alert"]')).to.have.attribute('data-code', ErrorCode.RegistrationFailed);
    phone.drop();
    expect(await shown()).to.equal('Reconnecting…');
    phone.register();

    expect(await shown()).to.equal('Connected');
    expect(bar.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    expect(bar.shadowRoot!.querySelector('.bar')).to.have.attribute('data-state', 'registered');
  });
});
