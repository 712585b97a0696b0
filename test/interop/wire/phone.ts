import { ephemeralCredentials } from '../../../server/credentials.js';
import { INTEROP_DOMAIN, INTEROP_SECRET } from '../stack.js';
import { SipPeer } from './peer.js';
import { buildRequest, buildResponse, digestAnswer, randomToken, type SipMessage } from './sip.js';

/**
 * A Ringside phone reduced to its wire: a WebSocket to Kamailio, the session API's ephemeral
 * credentials for `user`, a registration, and requests sent with whatever headers a test
 * wants (a compromised or hand-written client can send anything).
 */
export class RawPhone {
  readonly peer: SipPeer;
  readonly user: string;
  readonly #credentials: { username: string; password: string };

  private constructor(peer: SipPeer, user: string) {
    this.peer = peer;
    this.user = user;
    this.#credentials = ephemeralCredentials(INTEROP_SECRET, user, 600);
  }

  get aor(): string {
    return `sip:${this.user}@${INTEROP_DOMAIN}`;
  }

  get contact(): string {
    return `sip:${this.user}@${this.peer.contactHost};transport=ws`;
  }

  /** Connects and registers; rejects unless the REGISTER gets 200. */
  static async register(wsUrl: string, origin: string, user: string): Promise<RawPhone> {
    const phone = new RawPhone(await SipPeer.ws(wsUrl, origin), user);
    const ok = await phone.request('REGISTER', `sip:${INTEROP_DOMAIN}`, { to: phone.aor, headers: ['Expires: 600'] });
    if (ok.final.status !== 200) throw new Error(`REGISTER for ${user}: ${ok.final.raw.split('\r\n')[0]}`);
    return phone;
  }

  /**
   * Sends an out-of-dialog request, answering Kamailio's digest challenge like sip.js does;
   * resolves with the final response.
   */
  async request(
    method: string,
    uri: string,
    options: { to?: string; headers?: string[]; body?: string; authenticate?: boolean } = {},
  ): Promise<{ final: SipMessage; callId: string; fromTag: string; cseq: number }> {
    const callId = `${randomToken()}@raw.invalid`;
    const fromTag = randomToken(4);
    const send = (cseq: number, auth: string[]) =>
      this.peer.send(
        buildRequest({
          method,
          uri,
          via: this.peer.via,
          from: this.aor,
          fromTag,
          to: options.to ?? uri,
          callId,
          cseq,
          contact: this.contact,
          headers: [...auth, ...(options.headers ?? [])],
          ...(options.body ? { body: options.body } : {}),
        }),
      );
    send(1, []);
    let final = await this.peer.final(callId, 1);
    if ((final.status === 401 || final.status === 407) && options.authenticate !== false) {
      if (method === 'INVITE') this.peer.send(ackFor(final, uri, this.peer.via));
      send(2, [digestAnswer(final, method, uri, this.#credentials.username, this.#credentials.password)]);
      final = await this.peer.final(callId, 2);
      return { final, callId, fromTag, cseq: 2 };
    }
    return { final, callId, fromTag, cseq: 1 };
  }

  /** Answers an incoming request. */
  reply(request: SipMessage, status: number, reason: string, options: { toTag?: string; headers?: string[] } = {}): void {
    this.peer.send(buildResponse(request, status, reason, { ...options, contact: this.contact }));
  }

  close(): Promise<void> {
    return this.peer.close();
  }
}

/** The hop-by-hop ACK for a negative final response to an INVITE. */
export function ackFor(response: SipMessage, uri: string, via: string): string {
  const topVia = response.headers.find(([n]) => /^(via|v)$/i.test(n))?.[1] ?? '';
  const branch = /branch=([^;]+)/.exec(topVia)?.[1] ?? '';
  const cseq = (response.headers.find(([n]) => /^cseq$/i.test(n))?.[1] ?? '').split(/\s+/)[0];
  const header = (name: RegExp) => response.headers.find(([n]) => name.test(n))?.[1] ?? '';
  return [
    `ACK ${uri} SIP/2.0`,
    `Via: ${via};branch=${branch};rport`,
    'Max-Forwards: 70',
    `From: ${header(/^(from|f)$/i)}`,
    `To: ${header(/^(to|t)$/i)}`,
    `Call-ID: ${header(/^(call-id|i)$/i)}`,
    `CSeq: ${cseq} ACK`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}
