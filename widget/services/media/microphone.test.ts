import { expect } from '@open-wc/testing';
import { ErrorCode } from '../../../src/protocol/index.js';
import { FakeMediaDevices, rejectWith } from './fake-media-devices.js';
import { microphoneFailureMessage, openMicrophone, type MicrophoneFailure } from './microphone.js';

/** A detached document whose permissions policy answers `allows` for every feature. */
function documentWithPolicy(property: 'permissionsPolicy' | 'featurePolicy', allows: boolean): Document {
  const doc = document.implementation.createHTMLDocument('crm');
  Object.defineProperty(doc, property, { value: { allowsFeature: () => allows } });
  return doc;
}

async function failureOf(result: ReturnType<typeof openMicrophone>) {
  const outcome = await result;
  if (outcome.ok) throw new Error('expected the microphone not to open');
  return outcome;
}

describe('openMicrophone', () => {
  describe('maps what the browser says to a reason with a fix', () => {
    const cases: [string, MicrophoneFailure][] = [
      ['NotAllowedError', 'denied'],
      ['SecurityError', 'denied'],
      ['NotFoundError', 'missing'],
      ['NotReadableError', 'busy'],
      ['AbortError', 'busy'],
      ['TypeError', 'failed'],
    ];
    for (const [name, reason] of cases) {
      it(`${name} → ${reason}`, async () => {
        const mediaDevices = new FakeMediaDevices({ answers: [rejectWith(name)] });

        const outcome = await failureOf(openMicrophone({ mediaDevices, doc: documentWithPolicy('permissionsPolicy', true) }));

        expect(outcome.reason).to.equal(reason);
        expect(outcome.error.code).to.equal(ErrorCode.MediaUnavailable);
        expect(outcome.error.message).to.contain(microphoneFailureMessage(reason));
        expect(mediaDevices.requests).to.have.length(1);
      });
    }
  });

  it('tells the agent how to fix each reason', () => {
    expect(microphoneFailureMessage('denied')).to.match(/address bar/).and.match(/site settings/).and.match(/try again/);
    expect(microphoneFailureMessage('blocked_by_frame')).to.contain('allow="microphone"').and.match(/administrator/);
    expect(microphoneFailureMessage('missing')).to.match(/plug in a headset or microphone/i);
    expect(microphoneFailureMessage('busy')).to.match(/another application is using the microphone/i);
    expect(microphoneFailureMessage('insecure')).to.match(/https/);
  });

  it('names the browser error in the catch-all message, for support', async () => {
    const outcome = await failureOf(openMicrophone({ mediaDevices: new FakeMediaDevices({ answers: [rejectWith('TypeError')] }) }));

    expect(outcome.error.message).to.match(/\(TypeError\)$/);
  });

  for (const property of ['permissionsPolicy', 'featurePolicy'] as const) {
    it(`says the frame blocks the microphone when ${property} does not allow it`, async () => {
      const mediaDevices = new FakeMediaDevices({ answers: [rejectWith('NotAllowedError')] });

      const outcome = await failureOf(openMicrophone({ mediaDevices, doc: documentWithPolicy(property, false) }));

      expect(outcome.reason).to.equal('blocked_by_frame');
      expect(outcome.error.message).to.contain('allow="microphone"');
    });
  }

  it('says the frame blocks the microphone inside a real iframe without allow="microphone"', async () => {
    const frame = document.createElement('iframe');
    frame.setAttribute('allow', "microphone 'none'");
    frame.srcdoc = '<!doctype html><title>crm frame</title>';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    try {
      const outcome = await failureOf(openMicrophone({ doc: frame.contentDocument ?? undefined }));

      expect(outcome.reason).to.equal('blocked_by_frame');
    } finally {
      frame.remove();
    }
  });

  it('says the page must be secure when the browser offers no mediaDevices', async () => {
    const windowless = document.implementation.createHTMLDocument('no window, no navigator.mediaDevices');

    const outcome = await failureOf(openMicrophone({ doc: windowless }));

    expect(outcome.reason).to.equal('insecure');
    expect(outcome.error.code).to.equal(ErrorCode.MediaUnavailable);
  });

  it('opens a live audio track from the real (fake-device) microphone', async () => {
    const outcome = await openMicrophone({});
    if (!outcome.ok) throw new Error(outcome.error.message);
    try {
      const [track] = outcome.stream.getAudioTracks();
      expect(track?.readyState).to.equal('live');
      expect(outcome.stream.getVideoTracks()).to.have.length(0);
      expect(outcome.fellBack).to.equal(false);
    } finally {
      outcome.stream.getTracks().forEach((track) => track.stop());
    }
  });

  it('asks for the chosen device exactly', async () => {
    const mediaDevices = new FakeMediaDevices();

    const outcome = await openMicrophone({ deviceId: 'headset', mediaDevices });

    expect(outcome.ok && outcome.fellBack).to.equal(false);
    expect(mediaDevices.requests).to.deep.equal([{ audio: { deviceId: { exact: 'headset' } }, video: false }]);
  });

  for (const gone of ['OverconstrainedError', 'NotFoundError']) {
    it(`falls back to the default microphone when the chosen one is gone (${gone})`, async () => {
      const mediaDevices = new FakeMediaDevices({ answers: [rejectWith(gone), () => Promise.resolve(new MediaStream())] });

      const outcome = await openMicrophone({ deviceId: 'unplugged-headset', mediaDevices });

      expect(outcome.ok && outcome.fellBack).to.equal(true);
      expect(mediaDevices.requests.map((request) => request.audio)).to.deep.equal([{ deviceId: { exact: 'unplugged-headset' } }, true]);
    });
  }

  it('falls back for real when Chromium does not know the chosen device', async () => {
    const outcome = await openMicrophone({ deviceId: 'no-such-device' });
    if (!outcome.ok) throw new Error(outcome.error.message);
    outcome.stream.getTracks().forEach((track) => track.stop());

    expect(outcome.fellBack).to.equal(true);
  });

  it('reports the second failure when the default microphone fails too', async () => {
    const mediaDevices = new FakeMediaDevices({ answers: [rejectWith('OverconstrainedError'), rejectWith('NotReadableError')] });

    const outcome = await failureOf(openMicrophone({ deviceId: 'unplugged-headset', mediaDevices }));

    expect(outcome.reason).to.equal('busy');
  });

  it('does not retry when no device was chosen', async () => {
    const mediaDevices = new FakeMediaDevices({ answers: [rejectWith('NotFoundError'), () => Promise.resolve(new MediaStream())] });

    const outcome = await failureOf(openMicrophone({ mediaDevices }));

    expect(outcome.reason).to.equal('missing');
    expect(mediaDevices.requests).to.have.length(1);
  });

  it('never throws, even when getUserMedia throws synchronously', async () => {
    const mediaDevices = new FakeMediaDevices({ answers: [() => { throw new TypeError('sync'); }] });

    const outcome = await failureOf(openMicrophone({ mediaDevices }));

    expect(outcome.reason).to.equal('failed');
  });
});
