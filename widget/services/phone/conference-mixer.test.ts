import { expect, waitUntil } from '@open-wc/testing';
import { ConferenceMixer } from './conference-mixer.js';

/**
 * Each voice is a pure tone at its own frequency, so what a track carries can be read off its
 * spectrum: party A says 500 Hz, party B 1200 Hz, party C 3300 Hz, the agent's microphone
 * 2500 Hz. Tones play at a quarter of full scale, so that three summed never clip (clipping
 * 500 Hz would put a harmonic on the microphone's 2500 Hz).
 */
const A = 500;
const B = 1200;
const C = 3300;
const MIC = 2500;

/** A tone's band is ±15 Hz (bins are 48000 / 8192 ≈ 5.9 Hz wide). */
const BAND_HZ = 15;
/** A tone is present when its band peaks this far above the spectrum's median and above -70 dBFS. */
const ABOVE_FLOOR_DB = 30;
const AUDIBLE_DBFS = -70;

/** Reads what a track is carrying right now, from an AnalyserNode with no smoothing. */
class Spectrum {
  private readonly analyser: AnalyserNode;
  private readonly bins: Float32Array<ArrayBuffer>;

  constructor(context: AudioContext, track: MediaStreamTrack) {
    this.analyser = new AnalyserNode(context, { fftSize: 8192, smoothingTimeConstant: 0 });
    context.createMediaStreamSource(new MediaStream([track])).connect(this.analyser);
    this.bins = new Float32Array(this.analyser.frequencyBinCount);
  }

  /** For each frequency: its band's peak in dBFS, and that peak over the median bin. */
  read(frequencies: readonly number[]): Map<number, { dbfs: number; overFloor: number }> {
    this.analyser.getFloatFrequencyData(this.bins);
    const finite = (db: number) => (Number.isFinite(db) ? db : -200);
    const sorted = Array.from(this.bins, finite).sort((x, y) => x - y);
    const floor = sorted[Math.floor(sorted.length / 2)] ?? -200;
    const hzPerBin = this.analyser.context.sampleRate / this.analyser.fftSize;
    return new Map(
      frequencies.map((hz) => {
        let peak = -200;
        for (let bin = Math.floor((hz - BAND_HZ) / hzPerBin); bin <= Math.ceil((hz + BAND_HZ) / hzPerBin); bin++) {
          peak = Math.max(peak, finite(this.bins[bin] ?? -200));
        }
        return [hz, { dbfs: peak, overFloor: peak - floor }];
      }),
    );
  }
}

/**
 * Waits until a track carries exactly the expected tones for three readings in a row, then
 * asserts the last reading, so a failure shows what was heard and how loud.
 */
async function expectTones(spectrum: Spectrum, expected: Record<number, boolean>, what: string): Promise<void> {
  const frequencies = Object.keys(expected).map(Number);
  let heard: Record<number, boolean> = {};
  let levels = '';
  let streak = 0;
  await waitUntil(
    () => {
      const reading = spectrum.read(frequencies);
      heard = Object.fromEntries(frequencies.map((hz) => [hz, isPresent(reading.get(hz))]));
      levels = frequencies.map((hz) => `${hz} Hz ${reading.get(hz)?.dbfs.toFixed(0)} dBFS`).join(', ');
      streak = frequencies.every((hz) => heard[hz] === expected[hz]) ? streak + 1 : 0;
      return streak >= 3;
    },
    undefined,
    { timeout: 5000, interval: 100 },
  ).catch(() => undefined);
  expect(heard, `${what} (${levels})`).to.deep.equal(expected);
}

function defined<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

function isPresent(level: { dbfs: number; overFloor: number } | undefined): boolean {
  return !!level && level.dbfs > AUDIBLE_DBFS && level.overFloor > ABOVE_FLOOR_DB;
}

describe('ConferenceMixer', () => {
  let contexts: AudioContext[] = [];
  let mixer: ConferenceMixer;
  let analysis: AudioContext;

  /** A voice saying one tone, made on its own AudioContext as a remote party's would be. */
  function voice(hz: number): MediaStream {
    const context = new AudioContext();
    contexts.push(context);
    const oscillator = new OscillatorNode(context, { frequency: hz });
    const out = context.createMediaStreamDestination();
    oscillator.connect(new GainNode(context, { gain: 0.25 })).connect(out);
    oscillator.start();
    return out.stream;
  }

  function firstAudioTrack(stream: MediaStream): MediaStreamTrack {
    return defined(stream.getAudioTracks()[0], 'an audio track');
  }

  /** The agent and parties A and B in conference; returns what each party is sent. */
  function threeWay() {
    mixer.setMicrophone(firstAudioTrack(voice(MIC)));
    const toA = new Spectrum(analysis, mixer.add('A', voice(A)));
    const toB = new Spectrum(analysis, mixer.add('B', voice(B)));
    const speaker = new Spectrum(analysis, firstAudioTrack(mixer.speakerStream));
    return { toA, toB, speaker };
  }

  beforeEach(() => {
    analysis = new AudioContext();
    contexts.push(analysis);
    mixer = new ConferenceMixer();
  });

  afterEach(async () => {
    await mixer.close();
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
  });

  it('sends each party the agent and the other party, never their own voice, and lets the agent hear both', async () => {
    const { toA, toB, speaker } = threeWay();

    await expectTones(toA, { [A]: false, [B]: true, [MIC]: true }, 'sent to A');
    await expectTones(toB, { [A]: true, [B]: false, [MIC]: true }, 'sent to B');
    await expectTones(speaker, { [A]: true, [B]: true, [MIC]: false }, 'the agent hears');
    expect(mixer.parties).to.deep.equal(['A', 'B']);
  });

  it('lets a fourth voice join: each party hears all the others and the agent', async () => {
    const { toA, speaker } = threeWay();
    const toC = new Spectrum(analysis, mixer.add('C', voice(C)));

    await expectTones(toA, { [A]: false, [B]: true, [C]: true, [MIC]: true }, 'sent to A');
    await expectTones(toC, { [A]: true, [B]: true, [C]: false, [MIC]: true }, 'sent to C');
    await expectTones(speaker, { [A]: true, [B]: true, [C]: true, [MIC]: false }, 'the agent hears');
  });

  it('takes a party that leaves out of every mix and ends the track that was sent to them', async () => {
    const { toA, speaker } = threeWay();
    const sentToB = mixer.outgoingTrackFor('B');
    await expectTones(toA, { [B]: true, [MIC]: true }, 'sent to A before B leaves');

    mixer.remove('B');

    await expectTones(toA, { [B]: false, [MIC]: true }, 'sent to A after B left');
    await expectTones(speaker, { [A]: true, [B]: false }, 'the agent hears after B left');
    expect(sentToB?.readyState).to.equal('ended');
    expect(mixer.outgoingTrackFor('B')).to.equal(undefined);
    expect(mixer.parties).to.deep.equal(['A']);
  });

  it('mutes the agent for every party at once, and unmutes them again', async () => {
    const { toA, toB } = threeWay();
    await expectTones(toA, { [B]: true, [MIC]: true }, 'sent to A before mute');

    mixer.setMicrophoneMuted(true);

    await expectTones(toA, { [B]: true, [MIC]: false }, 'sent to A while muted');
    await expectTones(toB, { [A]: true, [MIC]: false }, 'sent to B while muted');

    mixer.setMicrophoneMuted(false);

    await expectTones(toA, { [B]: true, [MIC]: true }, 'sent to A after unmute');
  });

  it('rebinds a party added again with a new remote stream, keeping the track sent to them', async () => {
    const { toB, speaker } = threeWay();
    const sentToA = mixer.outgoingTrackFor('A');
    await expectTones(speaker, { [A]: true, [C]: false }, 'the agent hears A before the new stream');

    const again = mixer.add('A', voice(C));

    expect(again).to.equal(sentToA);
    await expectTones(speaker, { [A]: false, [C]: true }, 'the agent hears after A is re-added');
    await expectTones(toB, { [A]: false, [C]: true }, 'sent to B after A is re-added');
  });

  it('ends every track it handed out when closed, and refuses new parties after', async () => {
    threeWay();
    const handedOut = [mixer.outgoingTrackFor('A'), mixer.outgoingTrackFor('B'), ...mixer.speakerStream.getTracks()];

    await mixer.close();

    expect(handedOut.map((track) => track?.readyState)).to.deep.equal(['ended', 'ended', 'ended']);
    expect(() => mixer.add('C', voice(C))).to.throw('closed');
  });

  it('mixes a party whose voice arrives over a real RTCPeerConnection, and sends them the mix over it', async () => {
    // The far end sends 700 Hz; the near end is the agent's browser, in conference with B.
    const FAR = 700;
    const far = new RTCPeerConnection();
    const near = new RTCPeerConnection();
    far.onicecandidate = ({ candidate }) => void (candidate && near.addIceCandidate(candidate));
    near.onicecandidate = ({ candidate }) => void (candidate && far.addIceCandidate(candidate));
    const farVoice = voice(FAR);
    far.addTrack(firstAudioTrack(farVoice), farVoice);
    const farHears = new Promise<MediaStreamTrack>((resolve) => (far.ontrack = ({ track }) => resolve(track)));
    mixer.setMicrophone(firstAudioTrack(voice(MIC)));
    mixer.add('B', voice(B));

    // What the phone service will do: the call's remote stream joins the mixer, and the
    // call's audio sender sends that party's mix instead of the microphone.
    await far.setLocalDescription();
    const nearReceived = new Promise<MediaStream>((resolve) => (near.ontrack = ({ streams, track }) => resolve(streams[0] ?? new MediaStream([track]))));
    await near.setRemoteDescription(defined(far.localDescription, 'the offer'));
    const toFar = mixer.add('far', await nearReceived);
    const transceiver = defined(near.getTransceivers()[0], 'the call\'s transceiver');
    transceiver.direction = 'sendrecv';
    await transceiver.sender.replaceTrack(toFar);
    await near.setLocalDescription();
    await far.setRemoteDescription(defined(near.localDescription, 'the answer'));

    try {
      await expectTones(new Spectrum(analysis, firstAudioTrack(mixer.speakerStream)), { [FAR]: true, [B]: true, [MIC]: false }, 'the agent hears');
      await expectTones(new Spectrum(analysis, defined(mixer.outgoingTrackFor('B'), 'the track sent to B')), { [FAR]: true, [MIC]: true }, 'sent to B');
      // The far end's probe meets the same Chromium quirk the mixer works around: a remote
      // track reaches Web Audio only while a media element plays it.
      const farTrack = await farHears;
      const farSink = new Audio();
      farSink.muted = true;
      farSink.srcObject = new MediaStream([farTrack]);
      await farSink.play();
      await expectTones(new Spectrum(analysis, farTrack), { [FAR]: false, [B]: true, [MIC]: true }, 'the far end hears');
      farSink.srcObject = null;
    } finally {
      far.close();
      near.close();
    }
  });
});
