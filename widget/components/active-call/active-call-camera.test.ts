import { expect, html, waitUntil } from '@open-wc/testing';
import type { CallInfo } from '../../../src/protocol/index.js';
import type { CallVideo } from '../../services/phone-types.js';
import { fakeCore, FakePhone, provide } from '../../testing/fake-phone.js';
import './active-call.js';
import type { RsActiveCall } from './active-call.js';

/**
 * The call card's Camera button and video view, on a fake phone whose camera turns on and off
 * (active-call.test.ts has the rest of the card). The card is given its call, as `<rs-app>`
 * does; the fake's calls do not carry `video`, so the test gives the card that part itself.
 */
class VideoPhone extends FakePhone {
  readonly cameras = new Map<string, MediaStream>();

  override async setVideo(callId: string, on: boolean): Promise<CallInfo> {
    this.commands.push({ name: 'setVideo', args: [callId, on] });
    if (on) this.cameras.set(callId, new MediaStream());
    else this.cameras.delete(callId);
    return this.calls.find((c) => c.callId === callId)!;
  }

  override video(callId = ''): CallVideo {
    return { local: this.cameras.get(callId) ?? null, remote: new MediaStream() };
  }
}

async function setup(phone: FakePhone) {
  const { core } = fakeCore({ phone });
  phone.register();
  const { callId } = phone.ring('2001');
  await phone.answer(callId);
  const card = await provide<RsActiveCall>(core, html`<rs-active-call></rs-active-call>`);
  card.call = core.snapshot().calls.find((c) => c.callId === callId);
  await card.updateComplete;
  phone.commands.length = 0;
  const root = card.shadowRoot!;
  const camera = () => root.querySelector<HTMLButtonElement>('button.camera')!;
  return { card, root, camera, callId };
}

describe('<rs-active-call> camera', () => {
  it('turns the camera on and off with Camera, showing it on the pressed state', async () => {
    const phone = new VideoPhone();
    const { camera, callId } = await setup(phone);
    expect([camera().textContent, camera().getAttribute('aria-pressed')]).to.deep.equal(['Camera', 'false']);

    camera().click();
    await waitUntil(() => camera().getAttribute('aria-pressed') === 'true', 'Camera never showed pressed');
    camera().click();
    await waitUntil(() => camera().getAttribute('aria-pressed') === 'false', 'Camera stayed pressed');

    expect(phone.commands).to.deep.equal([
      { name: 'setVideo', args: [callId, true] },
      { name: 'setVideo', args: [callId, false] },
    ]);
  });

  it('loads the video view for a call with video: the far end and the agent’s camera', async () => {
    const phone = new VideoPhone();
    const { card, root, camera } = await setup(phone);
    expect(root.querySelector('rs-video')).to.equal(null);

    camera().click();
    await waitUntil(() => camera().getAttribute('aria-pressed') === 'true', 'Camera never showed pressed');
    card.call = { ...card.call!, video: true };
    await waitUntil(() => root.querySelector('rs-video')?.shadowRoot?.querySelectorAll('video').length === 2, 'the video view never showed two pictures');

    card.call = { ...card.call, video: false };
    await card.updateComplete;
    expect(root.querySelector('rs-video')).to.equal(null);
  });

  it('says why when the camera cannot go on, and Camera stays unpressed', async () => {
    const { root, camera } = await setup(new FakePhone());

    camera().click();
    await waitUntil(() => root.querySelector('.problem'), 'no problem was shown');

    expect(root.querySelector('.problem')!.textContent).to.match(/video/);
    expect(camera().getAttribute('aria-pressed')).to.equal('false');
  });

  it('offers no Camera to turn on for a held call', async () => {
    const phone = new VideoPhone();
    const { card, camera } = await setup(phone);

    card.call = { ...card.call!, held: true };
    await card.updateComplete;

    expect(camera().disabled).to.equal(true);
  });
});
