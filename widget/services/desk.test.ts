import { expect, waitUntil } from '@open-wc/testing';
import { Desk, type DeskHelpers } from './desk.js';
import { agent, call, FakeDeskCore, ManualTimers, ToneRecorder } from './fake-desk-core.js';
import { createLogger } from './logger.js';
import { device, FakeMediaDevices } from './media/fake-media-devices.js';

const headset = device('audiooutput', 'headset-out', 'Headset');
const laptop = device('audiooutput', 'laptop-out', 'Built-in Speakers');
const keys = ['ringside.devices.u1', 'ringside.devices.u2', 'ringside.settings.u1', 'ringside.settings.u2', 'ringside.devices.t1.u1'];

/** A load of auto-answer and the shortcuts the test lets through (or fails) when it wants. */
function heldLoad() {
  let release!: () => void;
  let fail!: (error: Error) => void;
  let loads = 0;
  const load = () => {
    loads += 1;
    return new Promise<DeskHelpers>((resolve, reject) => {
      release = () => void Promise.all([import('./auto-answer.js'), import('./shortcuts.js')]).then(([a, s]) => resolve({ AutoAnswer: a.AutoAnswer, Shortcuts: s.Shortcuts }));
      fail = reject;
    });
  };
  return { load, release: () => release(), fail: (error: Error) => fail(error), loads: () => loads };
}

function setupTest(loadHelpers?: () => Promise<DeskHelpers>) {
  const core = new FakeDeskCore();
  const mediaDevices = new FakeMediaDevices({ devices: [headset, laptop] });
  const tones = new ToneRecorder();
  const timers = new ManualTimers();
  const desk = new Desk(core, { win: window, log: (category) => createLogger(category, () => undefined), mediaDevices, tones, timers, ...(loadHelpers ? { loadHelpers } : {}) });
  desk.start();
  return { core, mediaDevices, tones, timers, desk };
}

const altA = () => document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', code: 'KeyA', altKey: true, bubbles: true, cancelable: true }));

describe('Desk', () => {
  let desk: Desk | undefined;
  beforeEach(() => keys.forEach((key) => localStorage.removeItem(key)));
  afterEach(async () => {
    await desk?.stop();
    keys.forEach((key) => localStorage.removeItem(key));
  });

  it('gives each agent sharing the browser their own devices and settings back', () => {
    const test = setupTest();
    desk = test.desk;
    test.core.set({ agent });
    test.desk.devices.choose('speaker', 'headset-out');
    test.desk.settings.update({ shortcuts: false });

    test.core.set({ agent: null });
    test.core.set({ agent: { ...agent, userId: 'u2' } });
    expect([test.desk.devices.choices.speaker, test.desk.settings.value.shortcuts]).to.deep.equal(['', undefined]);
    test.core.set({ agent });

    expect([test.desk.devices.choices.speaker, test.desk.settings.value.shortcuts]).to.deep.equal(['headset-out', false]);
    expect(test.core.devices.at(-1)).to.deep.equal({ microphone: '', speaker: 'headset-out' });
    expect(JSON.parse(localStorage.getItem('ringside.settings.u1') ?? '{}')).to.deep.equal({ shortcuts: false });
  });

  it('keys an agent’s devices by tenant once the core names it', () => {
    const test = setupTest();
    desk = test.desk;
    test.core.tenantId = 't1';

    test.core.set({ agent });
    test.desk.devices.choose('microphone', 'mic-1');

    expect(localStorage.getItem('ringside.devices.t1.u1')).to.contain('mic-1');
    expect(localStorage.getItem('ringside.devices.u1')).to.equal(null);
  });

  it('rings on the chosen ringer output, and on the default once it is unplugged', async () => {
    const test = setupTest();
    desk = test.desk;
    test.core.set({ agent });
    test.desk.devices.choose('ringer', 'laptop-out');
    test.core.setCalls(call('c1'));

    test.mediaDevices.plug([headset]);
    await waitUntil(() => test.tones.heard.length === 2, 'the ringer did not move');

    expect(test.tones.heard).to.deep.equal(["ring on 'laptop-out'", "ring on ''"]);
    expect(test.core.emitted.map((event) => event.name)).to.deep.equal(['OnDeviceFallback']);
  });

  it('auto-answers by the agent’s own setting, kept for their next login', async () => {
    const test = setupTest();
    desk = test.desk;
    expect(await test.desk.helpersRunning()).to.equal(true);
    test.core.set({ agent });
    test.desk.settings.update({ autoAnswer: { enabled: true, delaySeconds: 2 } });
    test.core.set({ agent: null });
    test.core.set({ agent });

    test.core.setCalls(call('c1'));
    test.timers.advance(2000);

    expect(test.core.commands).to.deep.equal(['answer c1']);
  });

  it('lets go of the core, the devices and the keyboard when stopped', async () => {
    const test = setupTest();
    await test.desk.helpersRunning();
    test.core.set({ agent });
    test.desk.settings.update({ autoAnswer: { enabled: true, delaySeconds: 2 } });
    test.core.setCalls(call('c1'));
    expect(test.timers.armed).to.equal(1);

    await test.desk.stop();
    altA();

    expect(test.core.listeners).to.equal(0);
    expect(test.core.commands).to.deep.equal([]);
    expect(test.tones.heard.at(-1)).to.equal('stop');
    expect(test.timers.armed).to.equal(0);
  });

  it('tells the policies before the code of auto-answer and the shortcuts has loaded', () => {
    const held = heldLoad();
    const test = setupTest(held.load);
    desk = test.desk;
    test.core.prefs = { autoAnswer: { enabled: true, delaySeconds: 4 }, shortcuts: false };

    expect([test.desk.autoAnswer.policy, test.desk.shortcuts]).to.deep.equal([
      { allowed: true, enabled: true, delaySeconds: 4, source: 'host' },
      { hostAllows: false, enabled: false },
    ]);
  });

  it('answers a call that was already ringing when auto-answer loaded, after its delay', async () => {
    const held = heldLoad();
    const test = setupTest(held.load);
    desk = test.desk;
    test.core.set({ agent });
    test.desk.settings.update({ autoAnswer: { enabled: true, delaySeconds: 2 } });
    test.core.setCalls(call('c1'));
    expect(test.timers.armed).to.equal(0);

    held.release();
    expect(await test.desk.helpersRunning()).to.equal(true);
    test.timers.advance(1999);
    const early = [...test.core.commands];
    test.timers.advance(1);

    expect([early, test.core.commands]).to.deep.equal([[], ['answer c1']]);
  });

  it('takes keyboard shortcuts once their code has loaded', async () => {
    const held = heldLoad();
    const test = setupTest(held.load);
    desk = test.desk;
    test.core.set({ agent });
    test.core.setCalls(call('c1'));

    held.release();
    await test.desk.helpersRunning();
    const taken = !altA();

    expect([taken, test.core.commands]).to.deep.equal([true, ['answer c1']]);
  });

  it('starts neither when stopped while their code loaded, and both at the next start', async () => {
    const held = heldLoad();
    const test = setupTest(held.load);
    test.core.set({ agent });
    test.core.setCalls(call('c1'));
    await test.desk.stop();

    held.release();
    const runningWhileStopped = await test.desk.helpersRunning();
    altA();
    const whileStopped = [...test.core.commands];
    test.desk.start();
    desk = test.desk;
    const runningAgain = await test.desk.helpersRunning();
    altA();

    expect([runningWhileStopped, whileStopped, runningAgain, test.core.commands]).to.deep.equal([false, [], true, ['answer c1']]);
  });

  it('tries to load them again at the next login when the first load failed', async () => {
    const held = heldLoad();
    const test = setupTest(held.load);
    desk = test.desk;
    held.fail(new Error('offline'));
    expect(await test.desk.helpersRunning()).to.equal(false);

    test.core.set({ agent });
    held.release();

    expect([held.loads(), await test.desk.helpersRunning()]).to.deep.equal([2, true]);
  });
});
