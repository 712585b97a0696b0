import { mintToken, WIDGET_URL } from './phone.js';

interface Received {
  type: string;
  id?: string;
  ok?: boolean;
  name?: string;
  error?: { code: string; message: string };
  data?: Record<string, unknown>;
}

/**
 * A host written by hand: a light-DOM iframe and our own MessageChannel handshake, so tests
 * can post any payload at all over the port, and so other frames can find the widget.
 */
export class RawHost {
  readonly frame: HTMLIFrameElement;
  readonly received: Received[] = [];
  port: MessagePort | null = null;

  private constructor(frame: HTMLIFrameElement) {
    this.frame = frame;
  }

  static async open(userId: string): Promise<RawHost> {
    const token = await mintToken(userId);
    const frame = document.createElement('iframe');
    frame.id = 'ringsideWidgetFrame';
    frame.allow = 'microphone; autoplay';
    frame.src = WIDGET_URL;
    const host = new RawHost(frame);
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    const channel = new MessageChannel();
    host.port = channel.port1;
    channel.port1.onmessage = (event) => host.received.push(event.data as Received);
    frame.contentWindow!.postMessage({ ns: 'ringside', type: 'hello', v: 1, token }, new URL(WIDGET_URL).origin, [channel.port2]);
    await host.waitFor((m) => m.type === 'event' && m.name === 'OnRegistrationChanged' && m.data?.state === 'registered');
    return host;
  }

  post(payload: unknown): void {
    this.port!.postMessage(payload);
  }

  async waitFor(match: (message: Received) => boolean, timeoutMs = 15000): Promise<Received> {
    const started = Date.now();
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`nothing matched within ${timeoutMs} ms; got ${this.received.length} messages`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  results(): Received[] {
    return this.received.filter((m) => m.type === 'result');
  }

  close(): void {
    this.port?.close();
    this.frame.remove();
  }
}
