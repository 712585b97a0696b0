import { expect, waitUntil } from '@open-wc/testing';
import { Tones, type ToneFallback, type TonesOptions } from './tones.js';

/** Listens to a tone's stream in a separate AudioContext, the way the far side of an `<audio>` element would hear it. */
class Ear {
  private readonly context = new AudioContext();
  private readonly analyser = new AnalyserNode(this.context, { fftSize: 8192, smoothingTimeConstant: 0 });

  constructor(stream: MediaStream) {
    this.context.createMediaStreamSource(stream).connect(this.analyser);
  }

  /** One look at the spectrum: the loudest level (dBFS) within a bin of each frequency asked about. */
  listen(): (frequency: number) => number {
    const bins = new Float32Array(this.analyser.frequencyBinCount);
    this.analyser.getFloatFrequencyData(bins);
    const width = this.context.sampleRate / this.analyser.fftSize;
    return (frequency) => {
      const bin = Math.round(frequency / width);
      return Math.max(...[bin - 1, bin, bin + 1].map((index) => bins[index] ?? -Infinity));
    };
  }

  hears(frequency: number): boolean {
    return this.listen()(frequency) > -60;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

function setupTest(options: TonesOptions = {}) {
  const contexts: AudioContext[] = [];
  const fallbacks: ToneFallback[] = [];
  const tones = new Tones({
    createContext: () => {
      const context = new AudioContext();
      contexts.push(context);
      return context;
    },
    onFallback: (fallback) => fallbacks.push(fallback),
    ...options,
  });
  return { tones, contexts, fallbacks };
}

function earOn(tones: Tones): Ear {
  const stream = tones.stream;
  if (!stream) throw new Error('no tone stream');
  return new Ear(stream);
}

describe('Tones', () => {
  let tones: Tones;
  let ear: Ear | undefined;
  afterEach(async () => {
    await tones?.stop();
    await ear?.close();
    ear = undefined;
  });

  it('rings with both tones (440 and 480 Hz) within a second', async () => {
    ({ tones } = setupTest());

    await tones.ring('');
    ear = earOn(tones);

    expect(tones.playing).to.equal('ring');
    await waitUntil(() => ear?.hears(440) && ear.hears(480), 'ring heard at 440 and 480 Hz', { timeout: 1000 });
  });

  it('rings for about two seconds, then pauses', async () => {
    ({ tones } = setupTest());
    await tones.ring('');
    ear = earOn(tones);
    await waitUntil(() => ear?.hears(440), 'ring heard', { timeout: 1000 });
    const heardAt = performance.now();

    await waitUntil(() => !ear?.hears(440), 'ring paused', { timeout: 3000, interval: 20 });

    expect(performance.now() - heardAt).to.be.within(1500, 2300);
  });

  it('beeps for call waiting at 440 Hz only, briefly', async () => {
    ({ tones } = setupTest());
    await tones.callWaiting('');
    ear = earOn(tones);

    let level: (frequency: number) => number = () => -Infinity;
    // Judge the spectrum once the whole analysis window is inside the beep: its onset smears energy across frequencies.
    await waitUntil(() => (level = ear?.listen() ?? level)(440) > -45, 'beep heard in full', { timeout: 1000, interval: 10 });
    expect(level(480)).to.be.below(level(440) - 30);
    await waitUntil(() => !ear?.hears(440), 'beep ended', { timeout: 600, interval: 20 });
    expect(tones.playing).to.equal('call-waiting');
  });

  it('keeps the cadence going past the stretch scheduled at a time', async () => {
    ({ tones } = setupTest({ scheduleSeconds: 5 }));
    await tones.callWaiting('');
    ear = earOn(tones);
    await waitUntil(() => ear?.hears(440), 'first beep', { timeout: 1000, interval: 10 });
    await waitUntil(() => !ear?.hears(440), 'first beep over', { timeout: 600, interval: 20 });

    await waitUntil(() => ear?.hears(440), 'second beep, from the next stretch', { timeout: 6000, interval: 10 });
  });

  it('stops: silent, nothing playing, its AudioContext closed and its stream ended', async () => {
    const { tones: ringing, contexts } = setupTest();
    tones = ringing;
    await tones.ring('');
    const stream = tones.stream;

    await tones.stop();

    expect(tones.playing).to.equal(null);
    expect(tones.stream).to.equal(null);
    expect(contexts.map((context) => context.state)).to.deep.equal(['closed']);
    expect(stream?.getAudioTracks().map((track) => track.readyState)).to.deep.equal(['ended']);
  });

  it('replaces the ring with the call-waiting tone, closing the ring', async () => {
    const { tones: ringing, contexts } = setupTest();
    tones = ringing;
    await tones.ring('');

    await tones.callWaiting('');
    ear = earOn(tones);

    expect(tones.playing).to.equal('call-waiting');
    await waitUntil(() => contexts[0]?.state === 'closed', 'ring context closed');
    await waitUntil(() => ear?.hears(440), 'beep heard', { timeout: 1000, interval: 10 });
  });

  it('keeps ringing undisturbed when asked to ring again on the same output', async () => {
    const { tones: ringing, contexts } = setupTest();
    tones = ringing;
    await tones.ring('');

    await tones.ring('');

    expect(contexts).to.have.length(1);
    expect(contexts[0]?.state).to.equal('running');
  });

  it('falls back to the default output and says so when the chosen one cannot be used', async () => {
    const { tones: ringing, fallbacks } = setupTest();
    tones = ringing;

    await tones.ring('unplugged-headset');
    ear = earOn(tones);

    expect(fallbacks).to.have.length(1);
    expect(fallbacks[0]?.sinkId).to.equal('unplugged-headset');
    expect(fallbacks[0]?.reason).to.match(/NotFoundError/);
    await waitUntil(() => ear?.hears(440), 'ring heard on the default output', { timeout: 1000 });
  });

  it('plays on a chosen output the browser knows without falling back', async () => {
    const { tones: ringing, fallbacks } = setupTest();
    tones = ringing;

    await tones.ring('default');

    expect(fallbacks).to.deep.equal([]);
    expect(tones.playing).to.equal('ring');
  });

  it('says so when the browser will not play without a user gesture', async () => {
    const blocked: string[] = [];
    const refusing = new Audio();
    refusing.play = () => Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError'));
    ({ tones } = setupTest({ createAudio: () => refusing, onBlocked: (reason) => blocked.push(reason) }));

    await tones.ring('');

    expect(blocked).to.have.length(1);
    expect(blocked[0]).to.match(/NotAllowedError/);
  });

  it('does not start playing when stopped while the output was being chosen', async () => {
    let plays = 0;
    const watched = new Audio();
    const play = watched.play.bind(watched);
    watched.play = () => {
      plays++;
      return play();
    };
    const { tones: ringing, fallbacks, contexts } = setupTest({ createAudio: () => watched });
    tones = ringing;

    const asked = tones.ring('unplugged-headset');
    await tones.stop();
    await asked;

    expect(plays).to.equal(0);
    expect(fallbacks).to.deep.equal([]);
    expect(tones.playing).to.equal(null);
    expect(contexts[0]?.state).to.equal('closed');
  });
});
