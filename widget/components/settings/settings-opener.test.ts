import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import { Desk } from '../../services/desk.js';
import { agent, FakeDeskCore, ManualTimers, ToneRecorder } from '../../services/fake-desk-core.js';
import { createLogger } from '../../services/logger.js';
import { device, FakeMediaDevices } from '../../services/media/fake-media-devices.js';
import { SettingsOpener } from './settings-opener.js';

/** What `<rs-app>` does with the opener: the button, the notice and the panel in its shadow root. */
class TestShell extends LitElement {
  desk: Desk | null = null;
  readonly opener = new SettingsOpener(this, () => this.desk);

  override render(): TemplateResult {
    return html`${this.opener.button()} ${this.opener.notice()} ${this.opener.panel()}`;
  }
}
customElements.define('test-settings-shell', TestShell);

const headset = device('audioinput', 'headset-mic', 'Headset mic');
const laptop = device('audioinput', 'laptop-mic', 'Laptop mic');

async function setupTest() {
  localStorage.setItem('ringside.devices.u1', JSON.stringify({ microphone: 'headset-mic', speaker: '', ringer: '' }));
  const core = new FakeDeskCore();
  const mediaDevices = new FakeMediaDevices({ devices: [headset, laptop] });
  const desk = new Desk(core, { win: window, log: (category) => createLogger(category, () => undefined), mediaDevices, tones: new ToneRecorder(), timers: new ManualTimers() });
  desk.start();
  core.set({ agent });
  const shell = await fixture<TestShell>(html`<test-settings-shell .desk=${desk}></test-settings-shell>`);
  const root = shell.shadowRoot!;
  return { core, desk, mediaDevices, shell, root, button: root.querySelector<HTMLButtonElement>('.settings-button')! };
}

describe('SettingsOpener', () => {
  let desk: Desk | undefined;
  afterEach(async () => {
    await desk?.stop();
    ['ringside.devices.u1', 'ringside.settings.u1'].forEach((key) => localStorage.removeItem(key));
  });

  it('loads and opens the panel with focus in it, and gives focus back to the button on Escape', async () => {
    const test = await setupTest();
    desk = test.desk;
    expect([test.button.getAttribute('aria-expanded'), test.root.querySelector('rs-settings')]).to.deep.equal(['false', null]);

    test.button.click();
    await waitUntil(() => test.root.querySelector('rs-settings')?.shadowRoot?.activeElement, 'focus did not move into the panel');
    const panel = test.root.querySelector('rs-settings')!;
    expect([test.button.getAttribute('aria-expanded'), panel.shadowRoot!.activeElement!.tagName]).to.deep.equal(['true', 'H2']);

    panel.shadowRoot!.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await waitUntil(() => test.root.activeElement === test.button, 'focus did not come back to the Settings button');

    expect([test.button.getAttribute('aria-expanded'), test.root.querySelector('rs-settings')]).to.deep.equal(['false', null]);
  });

  it('closes again from the button itself', async () => {
    const test = await setupTest();
    desk = test.desk;
    test.button.click();
    await waitUntil(() => test.root.querySelector('rs-settings'));

    test.button.click();
    await test.shell.updateComplete;

    expect(test.root.querySelector('rs-settings')).to.equal(null);
  });

  it('offers no settings while nobody is logged in, and a logout closes the panel', async () => {
    const test = await setupTest();
    desk = test.desk;
    test.button.click();
    await waitUntil(() => test.root.querySelector('rs-settings'));

    test.core.set({ agent: null });
    test.shell.requestUpdate();
    await test.shell.updateComplete;
    expect([test.root.querySelector('.settings-button'), test.root.querySelector('rs-settings')]).to.deep.equal([null, null]);

    test.core.set({ agent });
    test.shell.requestUpdate();
    await test.shell.updateComplete;
    expect([test.root.querySelector('.settings-button')?.getAttribute('aria-expanded'), test.root.querySelector('rs-settings')]).to.deep.equal(['false', null]);
  });

  it('shows a chosen device gone, whether or not the panel is open, until dismissed', async () => {
    const test = await setupTest();
    desk = test.desk;
    const notice = test.root.querySelector('rs-device-notice')!;

    test.mediaDevices.plug([laptop]);
    await waitUntil(() => notice.shadowRoot?.querySelector('[role=alert]'), 'no notice shown');
    expect(notice.shadowRoot!.querySelector('p')!.textContent).to.match(/chosen microphone is no longer connected/);
    expect(test.core.emitted.map((event) => event.name)).to.deep.equal(['OnDeviceFallback']);

    notice.shadowRoot!.querySelector('button')!.click();
    await notice.updateComplete;
    expect(notice.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
  });
});
