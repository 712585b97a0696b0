import { expect } from '@open-wc/testing';
import { ErrorCode, type ActionMessage, type CallInfo } from '../../src/protocol/index.js';
import { fakeCore, FakePhone } from '../testing/fake-phone.js';
import type { CallVideo } from './phone-types.js';
import { PhoneError } from './phone-types.js';

/**
 * The camera actions through the core's action table (actions.ts), on a fake phone that can
 * do video: which call each one turns the camera on or off for. What the real phone does with
 * it is in test/browser/video.test.ts.
 */
class VideoPhone extends FakePhone {
  readonly cameras = new Set<string>();

  override async setVideo(callId: string, on: boolean): Promise<CallInfo> {
    this.commands.push({ name: 'setVideo', args: [callId, on] });
    if (on) this.cameras.add(callId);
    else this.cameras.delete(callId);
    return this.calls.find((c) => c.callId === callId)!;
  }

  override video(callId = ''): CallVideo {
    return { local: this.cameras.has(callId) ? new MediaStream() : null, remote: null };
  }
}

const camera = (name: 'turnOnCamera' | 'turnOfCamera' | 'turnOffCamera' | 'toggleCamera', callId?: string) =>
  ({ type: 'action', group: 'agent', name, data: callId ? { callId } : undefined }) as ActionMessage;

/** Registered; line 1 held, talking on line 2. */
async function twoLines() {
  const phone = new VideoPhone();
  const { core } = fakeCore({ phone });
  await phone.connect({ wsUrl: 'wss://sip.example.com', domain: 'example.com', user: '1001', displayName: 'Agent', username: 'u', password: 'p' });
  phone.register();
  const first = phone.ring('2001');
  await phone.answer(first.callId);
  const second = phone.ring('2002');
  await phone.answer(second.callId);
  phone.commands.length = 0;
  return { core, phone, held: first.callId, live: second.callId };
}

describe('camera actions', () => {
  it('turnOnCamera without a callId turns the camera on for the line the agent is on', async () => {
    const { core, phone, live } = await twoLines();
    await core.perform(camera('turnOnCamera'));
    expect(phone.commands).to.deep.equal([{ name: 'setVideo', args: [live, true] }]);
  });

  it('turnOfCamera (Tegsoft’s spelling) and turnOffCamera turn it off for the named call', async () => {
    const { core, phone, held, live } = await twoLines();
    await core.perform(camera('turnOfCamera', live));
    await core.perform(camera('turnOffCamera', held));
    expect(phone.commands).to.deep.equal([
      { name: 'setVideo', args: [live, false] },
      { name: 'setVideo', args: [held, false] },
    ]);
  });

  it('toggleCamera turns the camera on when it is off, and off when it is on', async () => {
    const { core, phone, live } = await twoLines();
    await core.perform(camera('toggleCamera', live));
    await core.perform(camera('toggleCamera'));
    expect(phone.commands.map((c) => c.args)).to.deep.equal([
      [live, true],
      [live, false],
    ]);
  });

  it('with no line to apply to: not_allowed_now, and the phone is not asked', async () => {
    const phone = new VideoPhone();
    const { core } = fakeCore({ phone });
    phone.register();
    const error = await core.perform(camera('turnOnCamera')).then(() => null, (e: unknown) => e);
    expect(error instanceof PhoneError ? error.error.code : error).to.equal(ErrorCode.NotAllowedNow);
    expect(phone.commands).to.deep.equal([]);
  });
});
