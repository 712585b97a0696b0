import { expect } from '@open-wc/testing';
import type { CallInfo } from '../../src/protocol/index.js';
import { call, FakeDeskCore, ToneRecorder } from './fake-desk-core.js';
import { Tones } from './media/tones.js';
import { Ringer, wantedTone } from './ringer.js';

function setupTest(devices = { ringer: 'laptop', speaker: 'headset' }) {
  const core = new FakeDeskCore();
  const tones = new ToneRecorder();
  const ringer = new Ringer(core, { tones, ringerDevice: () => devices.ringer, speakerDevice: () => devices.speaker });
  ringer.start();
  return { core, tones, ringer, devices };
}

describe('wantedTone', () => {
  const cases: [string, CallInfo[], ReturnType<typeof wantedTone>][] = [
    ['no calls', [], null],
    ['an outbound call being dialled', [call('o1', { direction: 'outbound', state: 'dialing' })], null],
    ['an inbound call ringing', [call('c1')], 'ring'],
    ['two calls ringing, none answered', [call('c1'), call('c2')], 'ring'],
    ['a call ringing beside an ended one', [call('c0', { state: 'ended' }), call('c1')], 'ring'],
    ['a call ringing during an answered call', [call('c0', { state: 'active' }), call('c1')], 'call-waiting'],
    ['a call ringing while another is held', [call('c0', { state: 'active', held: true }), call('c1')], 'call-waiting'],
    ['a call ringing while the agent dials out', [call('o1', { direction: 'outbound', state: 'early' }), call('c1')], 'call-waiting'],
    ['an answered call alone', [call('c0', { state: 'active' })], null],
  ];
  for (const [name, calls, expected] of cases) {
    it(`${name}: ${expected ?? 'silence'}`, () => {
      expect(wantedTone(calls)).to.equal(expected);
    });
  }
});

describe('Ringer', () => {
  it('rings on the ringer output while a call rings and stops when it is answered', () => {
    const { core, tones, ringer } = setupTest();

    core.setCalls(call('c1'));
    core.setCalls(call('c1', { remoteName: 'Caller, updated' }));
    expect(ringer.playing).to.equal('ring');
    core.setCalls(call('c1', { state: 'active' }));

    expect(tones.heard).to.deep.equal(["ring on 'laptop'", 'stop']);
    expect(ringer.playing).to.equal(null);
  });

  it('beeps call waiting on the call audio output for a second call, and rings again when the first ends', () => {
    const { core, tones } = setupTest();

    core.setCalls(call('c0', { state: 'active' }), call('c1'));
    core.setCalls(call('c0', { state: 'ended' }), call('c1'));
    core.setCalls(call('c1', { state: 'ended' }));

    expect(tones.heard).to.deep.equal(["call-waiting on 'headset'", "ring on 'laptop'", 'stop']);
  });

  it('moves the ringing to a newly chosen ringer output', () => {
    const { core, tones, ringer, devices } = setupTest();
    core.setCalls(call('c1'));

    devices.ringer = 'desk-speaker';
    ringer.refresh();

    expect(tones.heard).to.deep.equal(["ring on 'laptop'", "ring on 'desk-speaker'"]);
  });

  it('is silent while idle: changes without a ringing call start and stop nothing', () => {
    const { core, tones } = setupTest();

    core.setCalls(call('o1', { direction: 'outbound', state: 'dialing' }));
    core.setCalls(call('o1', { direction: 'outbound', state: 'active' }));
    core.setCalls();

    expect(tones.heard).to.deep.equal([]);
  });

  it('plays a ringer test until stopped; a real call ends the test', () => {
    const { core, tones, ringer } = setupTest();
    let told = 0;
    ringer.subscribe(() => told++);

    ringer.test(true);
    expect([ringer.testing, ringer.playing]).to.deep.equal([true, 'ring']);
    ringer.test(false);
    ringer.test(true);
    core.setCalls(call('c1'));
    expect(ringer.testing).to.equal(false);
    core.setCalls(call('c1', { state: 'ended' }));

    expect(tones.heard).to.deep.equal(["ring on 'laptop'", 'stop', "ring on 'laptop'", 'stop']);
    expect(told).to.equal(4);
  });

  it('stops ringing and follows no more calls once stopped', async () => {
    const { core, tones, ringer } = setupTest();
    core.setCalls(call('c1'));

    await ringer.stop();
    core.setCalls(call('c1'), call('c2'));

    expect(tones.heard).to.deep.equal(["ring on 'laptop'", 'stop']);
    expect(core.listeners).to.equal(0);
  });

  it('drives real Web Audio tones: a stream while ringing, none once answered', async () => {
    const core = new FakeDeskCore();
    const tones = new Tones();
    const ringer = new Ringer(core, { tones, ringerDevice: () => '', speakerDevice: () => '' });
    ringer.start();

    core.setCalls(call('c1'));
    expect([tones.playing, tones.stream?.getAudioTracks().length]).to.deep.equal(['ring', 1]);
    core.setCalls(call('c1', { state: 'active' }));

    expect([tones.playing, tones.stream]).to.deep.equal([null, null]);
    await ringer.stop();
  });
});
