import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { Desk } from '../../services/desk.js';
import { agent, FakeDeskCore, ManualTimers, ToneRecorder } from '../../services/fake-desk-core.js';
import { createLogger } from '../../services/logger.js';
import { device, FakeMediaDevices } from '../../services/media/fake-media-devices.js';
import './settings.js';
import type { RsSettings } from './settings.js';

const keys = ['ringside.devices.u1', 'ringside.settings.u1'];

async function setupTest({ allowAutoAnswer = true, hostShortcuts = true } = {}) {
  const core = new FakeDeskCore();
  core.settings.allowAutoAnswer = allowAutoAnswer;
  if (!hostShortcuts) core.prefs = { shortcuts: false };
  const mediaDevices = new FakeMediaDevices({ devices: [device('audioinput', 'headset-mic', 'Headset mic'), device('audiooutput', 'headset-out', 'Headset'), device('audiooutput', 'laptop-out', 'Laptop speakers')] });
  const tones = new ToneRecorder();
  const desk = new Desk(core, { win: window, log: (category) => createLogger(category, () => undefined), mediaDevices, tones, timers: new ManualTimers() });
  desk.start();
  core.set({ agent });
  const element = await fixture<RsSettings>(html`<rs-settings .desk=${desk}></rs-settings>`);
  const root = element.shadowRoot!;
  await waitUntil(() => root.querySelectorAll('#ringer option').length === 3, 'the outputs were not listed');
  const $ = <E extends Element>(selector: string) => root.querySelector<E>(selector)!;
  return { core, desk, tones, element, root, $ };
}

function change(control: HTMLInputElement | HTMLSelectElement, value: string | boolean): void {
  if (typeof value === 'boolean') (control as HTMLInputElement).checked = value;
  else control.value = value;
  control.dispatchEvent(new Event('change'));
}

describe('<rs-settings>', () => {
  let desk: Desk | undefined;
  afterEach(async () => {
    await desk?.stop();
    keys.forEach((key) => localStorage.removeItem(key));
  });

  it('opens with focus on its heading and every control labelled', async () => {
    const test = await setupTest();
    desk = test.desk;

    expect(test.root.activeElement?.textContent).to.equal('Phone settings');
    expect(test.$('section').getAttribute('aria-labelledby')).to.equal('settings-title');
    await expect(test.element).to.be.accessible();
  });

  it('lists the devices and gives a newly chosen speaker to the phone', async () => {
    const test = await setupTest();
    desk = test.desk;

    expect([...test.root.querySelectorAll('#speaker option')].map((option) => option.textContent)).to.deep.equal(['System default', 'Headset', 'Laptop speakers']);
    change(test.$('#speaker'), 'headset-out');
    change(test.$('#ringer'), 'laptop-out');

    expect(test.core.devices.at(-1)).to.deep.equal({ microphone: '', speaker: 'headset-out' });
    expect(test.desk.devices.choices.ringer).to.equal('laptop-out');
  });

  it('disables the output choices with a reason where the browser cannot choose outputs', async () => {
    const setSinkId = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'setSinkId')!;
    delete (HTMLMediaElement.prototype as Partial<HTMLMediaElement>).setSinkId;
    try {
      const test = await setupTest();
      desk = test.desk;

      expect([test.$<HTMLSelectElement>('#microphone').disabled, test.$<HTMLSelectElement>('#speaker').disabled, test.$<HTMLSelectElement>('#ringer').disabled]).to.deep.equal([false, true, true]);
      expect(test.$('#ringer').getAttribute('aria-describedby')).to.equal('no-outputs');
      expect(test.$('#no-outputs').textContent).to.match(/cannot choose where sound plays/);
    } finally {
      Object.defineProperty(HTMLMediaElement.prototype, 'setSinkId', setSinkId);
    }
  });

  it('plays the ringer test on the ringer output until stopped, and stops it on close', async () => {
    const test = await setupTest();
    desk = test.desk;
    change(test.$('#ringer'), 'laptop-out');
    const button = test.$<HTMLButtonElement>('button.test');

    button.click();
    await test.element.updateComplete;
    expect([button.getAttribute('aria-pressed'), button.textContent?.trim()]).to.deep.equal(['true', 'Stop ringer test']);
    const closed = oneEvent(test.element, 'rs-settings-close');
    test.$<HTMLButtonElement>('button.close').click();
    await closed;

    expect(test.tones.heard).to.deep.equal(["ring on 'laptop-out'", 'stop']);
  });

  it('closes on Escape', async () => {
    const test = await setupTest();
    desk = test.desk;

    const closed = oneEvent(test.element, 'rs-settings-close');
    test.$('#microphone').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));

    expect(await closed).to.be.instanceOf(Event);
  });

  it('turns the keyboard shortcuts off for this agent and lists the keys', async () => {
    const test = await setupTest();
    desk = test.desk;

    change(test.$('input.shortcuts'), false);

    expect(test.desk.shortcuts.enabled).to.equal(false);
    expect(JSON.parse(localStorage.getItem('ringside.settings.u1') ?? '{}')).to.deep.equal({ shortcuts: false });
    expect([...test.root.querySelectorAll('.keys kbd')].map((kbd) => kbd.textContent)).to.deep.equal(['Alt+A', 'Alt+H', 'Alt+M', 'Alt+L']);
  });

  it('explains shortcuts the host page turned off, and cannot turn them on', async () => {
    const test = await setupTest({ hostShortcuts: false });
    desk = test.desk;

    const box = test.$<HTMLInputElement>('input.shortcuts');
    expect([box.checked, box.disabled, box.getAttribute('aria-describedby')]).to.deep.equal([false, true, 'shortcuts-off']);
    expect(test.$('#shortcuts-off').textContent).to.match(/turned keyboard shortcuts off/);
  });

  it('turns auto-answer on with a delay, kept within 0–60 seconds', async () => {
    const test = await setupTest();
    desk = test.desk;

    change(test.$('input.auto-answer'), true);
    change(test.$('#delay'), '99');
    await test.element.updateComplete;

    expect(test.desk.autoAnswer.policy).to.deep.include({ enabled: true, delaySeconds: 60, source: 'agent' });
    expect(test.$<HTMLInputElement>('#delay').value).to.equal('60');
  });

  it('disables auto-answer with a note when the tenant does not allow it', async () => {
    const test = await setupTest({ allowAutoAnswer: false });
    desk = test.desk;

    expect([test.$<HTMLInputElement>('input.auto-answer').disabled, test.$<HTMLInputElement>('#delay').disabled]).to.deep.equal([true, true]);
    expect(test.$('#auto-answer-note').textContent).to.match(/does not allow calls to be answered automatically/);
  });
});
