import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './video.js';
import type { RsVideo } from './video.js';

const painters: ReturnType<typeof setInterval>[] = [];

/** A stream with one moving video track, standing in for a camera or the far end. */
function pictureStream(): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 36;
  const context = canvas.getContext('2d')!;
  let shade = 0;
  painters.push(setInterval(() => {
    context.fillStyle = `rgb(${(shade += 40) % 255}, 80, 120)`;
    context.fillRect(0, 0, 64, 36);
  }, 50));
  return canvas.captureStream(20);
}

describe('<rs-video>', () => {
  afterEach(() => painters.splice(0).forEach(clearInterval));

  it('shows the far end and the agent’s camera, both muted and inline', async () => {
    const [remote, local] = [pictureStream(), pictureStream()];

    const view = await fixture<RsVideo>(html`<rs-video .remote=${remote} .local=${local}></rs-video>`);

    const [far, own] = [view.shadowRoot!.querySelector<HTMLVideoElement>('video.remote')!, view.shadowRoot!.querySelector<HTMLVideoElement>('video.local')!];
    expect([far.srcObject, own.srcObject]).to.deep.equal([remote, local]);
    expect([far.muted, far.playsInline, own.muted, own.playsInline]).to.deep.equal([true, true, true, true]);
    expect([far.getAttribute('aria-label'), own.getAttribute('aria-label')]).to.deep.equal(['The other side', 'Your camera']);
    await waitUntil(() => far.videoWidth > 0 && own.videoWidth > 0, 'the pictures never play');
    // The far end fills the view; the agent's own picture is the small one.
    expect(own.getBoundingClientRect().width).to.be.below(far.getBoundingClientRect().width / 2);
  });

  it('with the camera off, shows the far end only', async () => {
    const view = await fixture<RsVideo>(html`<rs-video .remote=${pictureStream()}></rs-video>`);

    expect(view.shadowRoot!.querySelectorAll('video')).to.have.length(1);
    expect(view.shadowRoot!.querySelector('video.remote')).to.not.equal(null);
  });
});
