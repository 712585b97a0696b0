import { expect } from '@open-wc/testing';
import { mountPhone, unmountAll } from '../support/phone.js';

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

  it('ignores a rogue frame that says hello, sends actions or fakes events', async () => {
    // Arrange: a logged-in phone, and a sandboxed (opaque-origin) frame on the same page.
    const { phone, log } = await mountPhone('1001');
    const rogue = document.createElement('iframe');
    rogue.sandbox.add('allow-scripts');
    rogue.src = '/test/fixtures/rogue-frame.html';
    const ready = fromRogue('ready');
    document.body.append(rogue);
    await ready;

    // Act: the rogue attacks, then the real host does a round trip through the widget.
    const sent = fromRogue('sent');
    rogue.contentWindow!.postMessage('attack', '*');
    await sent;
    const status = await phone.queryStatus();
    const report = fromRogue('report');
    rogue.contentWindow!.postMessage('report', '*');
    const { data } = await report;

    // Assert: nothing answered the rogue, no call was placed, no fake event surfaced.
    expect(data.replies).to.equal(0);
    expect(status.calls).to.have.length(0);
    expect(status.registration).to.equal('registered');
    expect(log.names()).not.to.include('OnIncomingCallRinging');
    expect(log.names()).not.to.include('OnOutgoingCallInitialized');
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
