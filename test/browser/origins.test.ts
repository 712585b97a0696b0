import { expect } from '@open-wc/testing';
import { mountPhone, unmountAll } from '../support/phone.js';
import { RawHost } from '../support/raw-host.js';

function fromRogue(kind: string): Promise<MessageEvent> {
  return new Promise((resolve) => {
    const listener = (event: MessageEvent) => {
      if (event.data?.rogue !== kind) return;
      removeEventListener('message', listener);
      resolve(event);
    };
    addEventListener('message', listener);
  });
}

describe('origins', () => {
  afterEach(() => {
    unmountAll();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  async function attackFromRogueFrame(): Promise<number> {
    const rogue = document.createElement('iframe');
    rogue.sandbox.add('allow-scripts');
    rogue.src = '/test/fixtures/rogue-frame.html';
    const ready = fromRogue('ready');
    document.body.append(rogue);
    await ready;
    const sent = fromRogue('sent');
    rogue.contentWindow!.postMessage('attack', '*');
    await sent;
    return rogue.contentWindow!.length;
  }

  async function rogueReplies(): Promise<number> {
    const rogue = [...document.querySelectorAll('iframe')].find((f) => f.sandbox.contains('allow-scripts'))!;
    const report = fromRogue('report');
    rogue.contentWindow!.postMessage('report', '*');
    return (await report).data.replies;
  }

  it('ignores a rogue frame that says hello to the widget or sends it actions', async () => {
    // Arrange: a widget in a light-DOM iframe (reachable through window.frames), driven by
    // its real host, and a sandboxed (opaque-origin) frame on the same page.
    const host = await RawHost.open('1001');
    expect(window.frames.length).to.equal(1);

    // Act: the rogue says hello and sends Tegsoft-style actions to every frame; then the
    // real host does a round trip through the widget.
    await attackFromRogueFrame();
    host.post({ type: 'action', group: 'agent', name: 'queryStatus', id: 'after-attack' });
    const status = await host.waitFor((m) => m.id === 'after-attack');
    const replies = await rogueReplies();

    // Assert: nothing answered the rogue, no call was placed, the host still owns the port.
    expect(replies).to.equal(0);
    expect(status.ok).to.equal(true);
    expect(status.data!.calls).to.deep.equal([]);
    expect(status.data!.registration).to.equal('registered');
    expect(host.received.some((m) => m.name === 'OnOutgoingCallInitialized')).to.equal(false);
    host.close();
  });

  it('never surfaces events that a rogue frame posts to the host page', async () => {
    const { phone, log } = await mountPhone('1001');

    await attackFromRogueFrame();
    await phone.queryStatus();

    expect(log.names()).not.to.include('OnIncomingCallRinging');
  });

  it('serves the widget with a frame-ancestors policy built from the tenant origins and no Referer', async () => {
    const response = await fetch('/widget/');

    expect(response.headers.get('content-security-policy')).to.equal("frame-ancestors 'self' http://localhost:8000");
    expect(response.headers.get('referrer-policy')).to.equal('no-referrer');
  });

  it('gives a host page on a foreign origin no events and takes no actions from it', async () => {
    // The foreign page (127.0.0.1 is not an allowed origin) embeds the phone like a CRM would.
    const frame = document.createElement('iframe');
    frame.src = 'http://127.0.0.1:8000/test/fixtures/foreign-host.html';
    const outcome = new Promise<MessageEvent>((resolve) => {
      const listener = (event: MessageEvent) => {
        if (event.origin !== 'http://127.0.0.1:8000' || !event.data?.foreign) return;
        removeEventListener('message', listener);
        resolve(event);
      };
      addEventListener('message', listener);
    });
    document.body.append(frame);

    const { data } = await outcome;

    expect(data.foreign.events).to.deep.equal([]);
    expect(data.foreign.action).to.equal('no result');
  });
});
