import { expect, waitUntil } from '@open-wc/testing';
import { DeviceChoices, supportsOutputSelection, type DeviceChoiceChange } from './device-choices.js';
import { FakeMediaDevices, device } from './fake-media-devices.js';

const key = 'ringside.devices.test-tenant.agent-7';

const headset = device('audioinput', 'headset-mic', 'Jabra Evolve (mic)');
const laptopMic = device('audioinput', 'laptop-mic', 'Built-in Microphone');
const headphones = device('audiooutput', 'headset-out', 'Jabra Evolve (speaker)');
const laptopSpeaker = device('audiooutput', 'laptop-out', 'Built-in Speakers');

function setupTest(devices: MediaDeviceInfo[] = [headset, laptopMic, headphones, laptopSpeaker]) {
  sessionStorage.removeItem(key);
  const mediaDevices = new FakeMediaDevices({ devices });
  const choices = new DeviceChoices({ storage: sessionStorage, key, mediaDevices });
  const changes: DeviceChoiceChange[] = [];
  const unsubscribe = choices.subscribe((change) => changes.push(change));
  return { mediaDevices, choices, changes, unsubscribe };
}

/** `devicechange` is answered after an `enumerateDevices` round trip; let it settle. */
async function settled(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
}

describe('DeviceChoices', () => {
  afterEach(() => sessionStorage.removeItem(key));

  it('starts on the system defaults', () => {
    const { choices } = setupTest();

    expect(choices.choices).to.deep.equal({ microphone: '', speaker: '', ringer: '' });
  });

  it('remembers a choice for the same agent, and only for that agent', () => {
    const { choices } = setupTest();

    choices.choose('microphone', 'headset-mic');
    choices.choose('ringer', 'laptop-out');

    expect(new DeviceChoices({ storage: sessionStorage, key }).choices).to.deep.equal({ microphone: 'headset-mic', speaker: '', ringer: 'laptop-out' });
    expect(new DeviceChoices({ storage: sessionStorage, key: 'ringside.devices.test-tenant.agent-8' }).choices.microphone).to.equal('');
  });

  describe('reads whatever is in storage without failing', () => {
    const cases: [string, string, Record<string, string>][] = [
      ['broken JSON', '{"microphone": "hea', { microphone: '', speaker: '', ringer: '' }],
      ['a string', '"headset-mic"', { microphone: '', speaker: '', ringer: '' }],
      ['an array', '["headset-mic"]', { microphone: '', speaker: '', ringer: '' }],
      ['null', 'null', { microphone: '', speaker: '', ringer: '' }],
      ['wrong types and extra fields', '{"microphone": 5, "speaker": "headset-out", "volume": 3}', { microphone: '', speaker: 'headset-out', ringer: '' }],
    ];
    for (const [label, stored, expected] of cases) {
      it(label, () => {
        sessionStorage.setItem(key, stored);

        expect(new DeviceChoices({ storage: sessionStorage, key }).choices).to.deep.equal(expected);
      });
    }
  });

  it('keeps a choice for the session when storage is refused or full', () => {
    const full: Storage = {
      length: 0,
      clear: () => undefined,
      getItem: () => null,
      key: () => null,
      removeItem: () => undefined,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    const withFullStorage = new DeviceChoices({ storage: full, key });
    const withoutStorage = new DeviceChoices({ storage: null, key });

    withFullStorage.choose('speaker', 'headset-out');
    withoutStorage.choose('speaker', 'headset-out');

    expect(withFullStorage.choices.speaker).to.equal('headset-out');
    expect(withoutStorage.choices.speaker).to.equal('headset-out');
  });

  it('lists microphones and speakers apart, without the browser default entry', async () => {
    const { choices } = setupTest([device('audioinput', 'default', 'Default - Jabra'), headset, laptopMic, device('videoinput', 'cam', 'Camera'), headphones]);

    const lists = await choices.list();

    expect(lists.microphones).to.deep.equal([
      { deviceId: 'headset-mic', label: 'Jabra Evolve (mic)' },
      { deviceId: 'laptop-mic', label: 'Built-in Microphone' },
    ]);
    expect(lists.speakers).to.deep.equal([{ deviceId: 'headset-out', label: 'Jabra Evolve (speaker)' }]);
  });

  it('names unlabelled devices "Microphone 1", "Speaker 1"… (before permission)', async () => {
    const { choices } = setupTest([device('audioinput', 'a'), device('audioinput', 'b'), device('audiooutput', 'c')]);

    const lists = await choices.list();

    expect(lists.microphones.map((option) => option.label)).to.deep.equal(['Microphone 1', 'Microphone 2']);
    expect(lists.speakers.map((option) => option.label)).to.deep.equal(['Speaker 1']);
  });

  it('lists the real (fake-device) microphones of Chromium', async () => {
    const lists = await new DeviceChoices({ storage: null, key }).list();

    expect(lists.microphones.length).to.be.greaterThan(0);
  });

  it('falls back to the default when the chosen headset is unplugged, and keeps the preference', async () => {
    const { mediaDevices, choices, changes } = setupTest();
    choices.choose('microphone', 'headset-mic');
    choices.choose('speaker', 'headset-out');

    mediaDevices.plug([laptopMic, laptopSpeaker]);
    await waitUntil(() => changes.length === 2, 'both lost choices reported');

    expect(changes).to.deep.equal([
      { change: 'lost', kind: 'microphone', deviceId: 'headset-mic', fellBackTo: '' },
      { change: 'lost', kind: 'speaker', deviceId: 'headset-out', fellBackTo: '' },
    ]);
    expect(choices.choices).to.deep.equal({ microphone: '', speaker: '', ringer: '' });
    expect(new DeviceChoices({ storage: sessionStorage, key }).choices.microphone).to.equal('headset-mic');
  });

  it('takes the headset back when it is plugged in again', async () => {
    const { mediaDevices, choices, changes } = setupTest();
    choices.choose('microphone', 'headset-mic');
    mediaDevices.plug([laptopMic]);
    await waitUntil(() => changes.length === 1);

    mediaDevices.plug([laptopMic, headset]);
    await waitUntil(() => changes.length === 2, 'return reported');

    expect(changes[1]).to.deep.equal({ change: 'returned', kind: 'microphone', deviceId: 'headset-mic' });
    expect(choices.choices.microphone).to.equal('headset-mic');
  });

  it('says nothing when an unchosen device comes or goes, or the same device stays away', async () => {
    const { mediaDevices, choices, changes } = setupTest();
    choices.choose('microphone', 'headset-mic');
    mediaDevices.plug([headset, headphones]);
    mediaDevices.plug([headset]);
    mediaDevices.plug([laptopMic]);
    mediaDevices.plug([laptopMic, laptopSpeaker]);
    await settled();

    expect(changes.map((change) => `${change.change} ${change.kind}`)).to.deep.equal(['lost microphone']);
  });

  it('does not call a device lost when the browser hides device ids (before permission)', async () => {
    const { mediaDevices, choices, changes } = setupTest();
    choices.choose('microphone', 'headset-mic');

    mediaDevices.plug([device('audioinput', ''), device('audiooutput', '')]);
    await settled();

    expect(changes).to.deep.equal([]);
    expect(choices.choices.microphone).to.equal('headset-mic');
  });

  it('stops watching devices when the last subscriber leaves', async () => {
    const { mediaDevices, choices, changes, unsubscribe } = setupTest();
    choices.choose('microphone', 'headset-mic');

    unsubscribe();
    mediaDevices.plug([laptopMic]);
    await settled();

    expect(changes).to.deep.equal([]);
  });

  it('tells every subscriber even when one of them throws', async () => {
    const { mediaDevices, choices, changes } = setupTest();
    choices.subscribe(() => {
      throw new Error('a careless listener');
    });
    const later: DeviceChoiceChange[] = [];
    choices.subscribe((change) => later.push(change));
    choices.choose('ringer', 'headset-out');

    mediaDevices.plug([laptopSpeaker]);
    await waitUntil(() => later.length === 1);

    expect(changes).to.have.length(1);
  });

  it('knows Chromium can send audio to a chosen output', () => {
    expect(supportsOutputSelection()).to.equal(true);
  });
});
