import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { RingsideActionError, RingsideEvent, RingsidePhone } from '../../src/index.js';

const FAKE_WIDGET_URL = new URL('./fake-widget.html', import.meta.url).href;

interface Action {
  id: string;
  name: string;
}

/**
 * A widget played by the test: the SDK loads a blank same-origin page, and the test takes
 * the port from the SDK's hello there, answers `welcome`, and sends whatever it likes,
 * including what a widget newer than this SDK would send.
 */
class FakeWidget {
  readonly actions: Action[] = [];
  /** Hellos received, one per page the SDK shook hands with. */
  hellos = 0;
  #port: MessagePort | null = null;

  constructor(readonly frame: HTMLIFrameElement) {
    // The SDK listens for `load` first and posts its hello then; the message arrives after
    // this listener has run, so each page's hello is caught.
    this.frame.addEventListener('load', () => this.#listen());
  }

  #listen(): void {
    const win = this.frame.contentWindow;
    if (!win || !win.location.href.startsWith(FAKE_WIDGET_URL)) return;
    win.addEventListener('message', (event: MessageEvent) => {
      const port = event.ports[0];
      if ((event.data as { type?: unknown })?.type !== 'hello' || !port) return;
      this.#port = port;
      port.onmessage = (message) => this.actions.push(message.data as Action);
      port.postMessage({ ns: 'ringside', type: 'welcome', v: 1, epoch: 'fake' });
      this.hellos += 1;
    });
  }

  send(message: Record<string, unknown>): void {
    this.#port!.postMessage({ ns: 'ringside', v: 1, ...message });
  }

  event(seq: number, name: string, data: unknown): void {
    this.send({ type: 'event', group: 'agent', name, data, seq });
  }

  async nextAction(count: number): Promise<Action> {
    while (this.actions.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
    return this.actions[count - 1]!;
  }

  reload(): void {
    this.frame.contentWindow!.location.reload();
  }
}

async function setupTest(): Promise<{ phone: RingsidePhone; widget: FakeWidget; events: RingsideEvent[] }> {
  const phone = document.createElement('ringside-phone');
  const widget = new FakeWidget(phone.shadowRoot!.querySelector('iframe')!);
  const events: RingsideEvent[] = [];
  phone.addEventListener('ringside-event', (event) => events.push(event));
  phone.src = FAKE_WIDGET_URL;
  document.body.append(phone);
  await waitFor(() => widget.hellos === 1);
  return { phone, widget, events };
}

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

const rejectionOf = (promise: Promise<unknown>): Promise<RingsideActionError | null> =>
  promise.then(
    () => null,
    (error: RingsideActionError) => error,
  );

describe('<ringside-phone> with a widget it cannot fully read', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    for (const phone of document.querySelectorAll('ringside-phone')) phone.remove();
    sessionStorage.clear();
  });

  it('passes an event name it does not know on as ringside-event only, and keeps working', async () => {
    // Arrange
    const { phone, widget, events } = await setupTest();
    const typed: Event[] = [];
    phone.addEventListener('ringside-video-call-started', (event) => typed.push(event));

    // Act: a newer widget's event, odd names and shapes, then a known event and an action.
    widget.event(1, 'OnVideoCallStarted', { call: { callId: 'c1', state: 'ringing', direction: 'inbound', codec: 'av1' }, extra: true });
    widget.event(2, 'constructor', null);
    widget.event(3, 'OnMute', 'not an object');
    widget.event(4, 'OnUnmute', { call: { callId: 'c1', state: 'active', direction: 'inbound' } });
    await waitFor(() => events.length === 4);
    const status = phone.queryStatus();
    const action = await widget.nextAction(1);
    widget.send({ type: 'result', group: 'agent', name: 'queryStatus', id: action.id, ok: true, data: { registration: 'registered', calls: [], newField: 1 } });

    // Assert
    expect(events.map((e) => [e.type, e.name, e.seq])).to.deep.equal([
      ['ringside-event', 'OnVideoCallStarted', 1],
      ['ringside-event', 'constructor', 2],
      ['ringside-event', 'OnMute', 3],
      ['ringside-event', 'OnUnmute', 4],
    ]);
    expect(typed).to.have.length(0);
    expect(events[0]!.data).to.deep.include({ extra: true });
    expect((await status).registration).to.equal('registered');
    expect(phone.lastSeq).to.equal(4);
  });

  it('rejects an error result without a code, or with a code it does not know, as coded errors', async () => {
    const { phone, widget } = await setupTest();

    const bare = rejectionOf(phone.queryStatus());
    const first = await widget.nextAction(1);
    widget.send({ type: 'result', group: 'agent', name: 'queryStatus', id: first.id, ok: false });
    const newer = rejectionOf(phone.ready());
    const second = await widget.nextAction(2);
    widget.send({ type: 'result', group: 'agent', name: 'ready', id: second.id, ok: false, error: { code: 'agent_busy_elsewhere', message: 'later' } });

    expect((await bare)?.code).to.equal('internal');
    expect((await newer)?.code).to.equal('agent_busy_elsewhere');
  });

  it('rejects an action pending while the widget page reloads with widget_reloaded, then works with the new page', async () => {
    // Arrange: the widget received the action but never answers it.
    const { phone, widget } = await setupTest();
    const pending = rejectionOf(phone.hold());
    await widget.nextAction(1);

    // Act
    widget.reload();

    // Assert
    const error = await pending;
    expect(error?.name).to.equal('RingsideActionError');
    expect(error?.code).to.equal('widget_reloaded');
    const again = phone.queryStatus();
    const action = await widget.nextAction(2);
    widget.send({ type: 'result', group: 'agent', name: 'queryStatus', id: action.id, ok: true, data: { registration: 'registered', calls: [] } });
    expect((await again).registration).to.equal('registered');
    expect(widget.hellos).to.equal(2);
  });

  it('rejects an action the widget never answers with timeout', async () => {
    const { phone, widget } = await setupTest();

    const error = await rejectionOf(phone.sendAction('queryStatus', undefined, { timeoutMs: 50 }));

    expect(widget.actions.map((a) => a.name)).to.deep.equal(['queryStatus']);
    expect(error?.code).to.equal('timeout');
  });

  it('rejects an action pending when the element is removed with disconnected', async () => {
    const { phone, widget } = await setupTest();
    const pending = rejectionOf(phone.unhold());
    await widget.nextAction(1);

    phone.remove();

    expect((await pending)?.code).to.equal('disconnected');
  });
});
