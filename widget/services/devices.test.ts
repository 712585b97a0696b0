import { expect, waitUntil } from '@open-wc/testing';
import { Devices } from './devices.js';
import { FakeDeskCore } from './fake-desk-core.js';
import { device, FakeMediaDevices } from './media/fake-media-devices.js';

const key = 'ringside.devices.test.u1';
const headsetMic = device('audioinput', 'headset-mic', 'Headset (mic)');
const laptopMic = device('audioinput', 'laptop-mic', 'Built-in Microphone');
const headset = device('audiooutput', 'headset-out', 'Headset (speaker)');
const laptop = device('audiooutput', 'laptop-out', 'Built-in Speakers');
const all = [headsetMic, laptopMic, headset, laptop];

function setupTest(stored?: Record<string, string>) {
  sessionStorage.removeItem(key);
  if (stored) sessionStorage.setItem(key, JSON.stringify(stored));
  const core = new FakeDeskCore();
  const mediaDevices = new FakeMediaDevices({ devices: all });
  const devices = new Devices(core, { storage: sessionStorage, mediaDevices });
  return { core, mediaDevices, devices };
}

describe('Devices', () => {
  afterEach(() => sessionStorage.removeItem(key));

  it('gives the phone the agent’s stored microphone and speaker at login', () => {
    const { core, devices } = setupTest({ microphone: 'headset-mic', speaker: 'headset-out', ringer: 'laptop-out' });

    devices.use(key);

    expect(core.devices).to.deep.equal([{ microphone: 'headset-mic', speaker: 'headset-out' }]);
    expect(devices.choices.ringer).to.equal('laptop-out');
  });

  it('gives the phone a new microphone or speaker at once, remembers it, and keeps the ringer to itself', () => {
    const { core, devices } = setupTest();
    devices.use(key);

    devices.choose('microphone', 'headset-mic');
    devices.choose('ringer', 'laptop-out');

    expect(core.devices).to.deep.equal([
      { microphone: '', speaker: '' },
      { microphone: 'headset-mic', speaker: '' },
    ]);
    expect(JSON.parse(sessionStorage.getItem(key) ?? '{}')).to.deep.equal({ microphone: 'headset-mic', speaker: '', ringer: 'laptop-out' });
  });

  it('tells the host and the agent when the chosen headset is unplugged, and takes it back when it returns', async () => {
    const { core, mediaDevices, devices } = setupTest({ microphone: 'headset-mic', speaker: 'headset-out', ringer: '' });
    devices.use(key);

    mediaDevices.plug([laptopMic, laptop]);
    await waitUntil(() => devices.notice !== null, 'no notice after the unplug');

    expect(core.emitted.map((event) => [event.name, (event.data as { kind: string }).kind])).to.deep.equal([
      ['OnDeviceFallback', 'microphone'],
      ['OnDeviceFallback', 'speaker'],
    ]);
    expect(devices.notice?.message).to.match(/speaker is no longer connected/);
    expect(core.devices.at(-1)).to.deep.equal({ microphone: '', speaker: '' });

    mediaDevices.plug(all);
    await waitUntil(() => devices.notice === null, 'the notice stayed after the headset came back');
    expect(core.devices.at(-1)).to.deep.equal({ microphone: 'headset-mic', speaker: 'headset-out' });
  });

  it('reports a ringer output the tones could not use once, and only for the current choice', () => {
    const { core, devices } = setupTest({ microphone: '', speaker: '', ringer: 'laptop-out' });
    devices.use(key);

    devices.ringerFellBack('laptop-out');
    devices.ringerFellBack('laptop-out');
    devices.ringerFellBack('some-older-choice');

    expect(core.emitted).to.have.length(1);
    expect(core.emitted[0]?.data).to.deep.include({ kind: 'ringer' });
    expect(devices.notice?.kind).to.equal('ringer');
  });

  it('lets the agent dismiss the notice, and choosing again clears it too', async () => {
    const { mediaDevices, devices } = setupTest({ microphone: 'headset-mic', speaker: '', ringer: '' });
    devices.use(key);
    mediaDevices.plug([laptopMic]);
    await waitUntil(() => devices.notice !== null);

    devices.dismissNotice();
    expect(devices.notice).to.equal(null);

    mediaDevices.plug(all);
    mediaDevices.plug([laptopMic]);
    await waitUntil(() => devices.notice !== null);
    devices.choose('microphone', 'laptop-mic');
    expect(devices.notice).to.equal(null);
  });

  it('forgets the agent at logout: defaults, nothing more sent to the phone, no device watching', async () => {
    const { core, mediaDevices, devices } = setupTest({ microphone: 'headset-mic', speaker: '', ringer: '' });
    devices.use(key);

    devices.use(null);
    mediaDevices.plug([laptopMic]);
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(devices.choices).to.deep.equal({ microphone: '', speaker: '', ringer: '' });
    expect(core.devices).to.have.length(1);
    expect(core.emitted).to.deep.equal([]);
    expect(await devices.list()).to.deep.equal({ microphones: [], speakers: [] });
  });
});
