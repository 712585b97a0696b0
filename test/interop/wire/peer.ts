import { createSocket, type Socket } from 'node:dgram';
import { WebSocket } from 'ws';
import { parseSip, randomToken, type SipMessage } from './sip.js';

/**
 * One SIP endpoint on loopback speaking raw text: a UDP socket (a trunk, or an attacker on a
 * random port) or a WebSocket (a phone, or an attacker without credentials). It keeps every
 * message it receives, so a test can wait for one or prove that none came.
 */
export class SipPeer {
  /** Every peer not yet closed: a test that fails half-way must not leave a socket keeping Node alive. */
  static readonly #open = new Set<SipPeer>();
  readonly received: SipMessage[] = [];
  readonly #waiters = new Set<() => void>();
  readonly #send: (text: string) => void;
  readonly #close: () => Promise<void>;
  /** Top Via of this peer's requests, without the branch. */
  readonly via: string;
  /** Contact URI host part (with port for UDP). */
  readonly contactHost: string;
  readonly transport: 'udp' | 'ws';

  private constructor(transport: 'udp' | 'ws', via: string, contactHost: string, send: (text: string) => void, close: () => Promise<void>) {
    this.transport = transport;
    this.via = via;
    this.contactHost = contactHost;
    this.#send = send;
    this.#close = close;
    SipPeer.#open.add(this);
  }

  /** Closes every peer still open (test files call it when they end). */
  static closeAll(): Promise<void> {
    return Promise.all([...SipPeer.#open].map((peer) => peer.close())).then(() => undefined);
  }

  /** A UDP socket on 127.0.0.1 (port 0: a random one, as an attacker's would be) talking to `target`. */
  static async udp(targetPort: number, localPort = 0): Promise<SipPeer> {
    const socket: Socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(localPort, '127.0.0.1', () => resolve());
    });
    const { port } = socket.address();
    const peer = new SipPeer(
      'udp',
      `SIP/2.0/UDP 127.0.0.1:${port}`,
      `127.0.0.1:${port}`,
      (text) => socket.send(text, targetPort, '127.0.0.1'),
      () => new Promise((resolve) => socket.close(() => resolve())),
    );
    socket.on('message', (data) => peer.#receive(data.toString()));
    return peer;
  }

  /** A SIP-over-WebSocket connection, as a browser opens it (subprotocol sip, the widget's Origin). */
  static async ws(url: string, origin: string): Promise<SipPeer> {
    const socket = new WebSocket(url, 'sip', { origin });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket handshake refused: ${res.statusCode}`)));
    });
    const host = `${randomToken(5)}.invalid`;
    const peer = new SipPeer(
      'ws',
      `SIP/2.0/WS ${host}`,
      host,
      (text) => socket.send(text),
      () =>
        new Promise((resolve) => {
          if (socket.readyState === WebSocket.CLOSED) return resolve();
          // Kamailio answers the close at once; a banned or dead peer may not, so cut it off.
          const cut = setTimeout(() => socket.terminate(), 1000);
          socket.once('close', () => {
            clearTimeout(cut);
            resolve();
          });
          socket.close();
        }),
    );
    socket.on('message', (data) => peer.#receive(data.toString()));
    return peer;
  }

  #receive(text: string): void {
    if (!text.trim()) return; // keep-alive CRLFs
    this.received.push(parseSip(text));
    for (const wake of this.#waiters) wake();
  }

  send(text: string): void {
    this.#send(text);
  }

  /**
   * The first message (received from `after` on) that matches, waiting up to `timeoutMs`.
   * Provisional responses are skipped unless `match` asks for them.
   */
  async next(match: (m: SipMessage) => boolean, timeoutMs = 3000, after = 0): Promise<SipMessage> {
    const started = Date.now();
    for (;;) {
      const found = this.received.slice(after).find(match);
      if (found) return found;
      const left = timeoutMs - (Date.now() - started);
      if (left <= 0) throw new Error(`no matching SIP message within ${timeoutMs} ms; got:\n${this.received.map((m) => m.raw.split('\r\n')[0]).join('\n')}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.#waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.#waiters.add(wake);
      });
    }
  }

  /** The final response to the request with this Call-ID and CSeq number. */
  final(callId: string, cseq: number, timeoutMs = 3000): Promise<SipMessage> {
    return this.next((m) => m.status !== null && m.status >= 200 && isFor(m, callId, cseq), timeoutMs);
  }

  /** Messages received so far that match. */
  seen(match: (m: SipMessage) => boolean = () => true): SipMessage[] {
    return this.received.filter(match);
  }

  close(): Promise<void> {
    if (!SipPeer.#open.delete(this)) return Promise.resolve();
    return this.#close();
  }
}

export function isFor(message: SipMessage, callId: string, cseq?: number): boolean {
  const id = message.headers.find(([n]) => /^(call-id|i)$/i.test(n))?.[1];
  const number = Number(message.headers.find(([n]) => /^cseq$/i.test(n))?.[1].split(/\s+/)[0]);
  return id === callId && (cseq === undefined || number === cseq);
}

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
