import { createHash, randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { ephemeralCredentials } from '../../server/credentials.js';

/**
 * A hand-written SIP peer over WebSocket, run by the test server (Node) for browser tests:
 * it registers at the dev PBX with ephemeral credentials, calls a phone with a fixed WebRTC
 * offer, and sends whatever REFER a test asks for, byte for byte. It plays the hostile caller
 * that a real phone never would be. Test-only; never part of the product.
 */

const md5 = (value: string) => createHash('md5').update(value).digest('hex');
const token = () => randomBytes(8).toString('hex');

/** An offer Chromium accepts: ICE credentials and a DTLS fingerprint, no candidates (no media flows). */
const OFFER = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:rsPe',
  'a=ice-pwd:ringsidepeerpassword0123',
  'a=fingerprint:sha-256 ' + Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).padStart(2, '0').toUpperCase()).join(':'),
  'a=setup:actpass',
  'a=mid:0',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  '',
].join('\r\n');

/**
 * How the peer answers a re-INVITE from the phone: `empty` is a 200 without a body (what it
 * always did), `no-video` a 200 whose answer keeps the audio and rejects every other m-line
 * (port 0), as a phone that cannot do video does, and `488` refuses the re-INVITE outright.
 */
export type ReinviteAnswer = 'empty' | 'no-video' | '488';

/**
 * An answer to `offer` that keeps its audio (the peer's own ICE and DTLS identity, DTLS
 * passive as in the call it placed, the offered direction mirrored, so a hold is answered
 * too) and rejects every other m-line with port 0.
 */
export function audioOnlyAnswer(offer: string): string {
  const sections = offer.split(/\r\n(?=m=)/).slice(1);
  const [session = '', audioTemplate = ''] = OFFER.split(/\r\n(?=m=)/);
  const mids = sections.map((section) => /a=mid:(\S+)/.exec(section)?.[1] ?? '');
  const audioMid = mids[sections.findIndex((section) => section.startsWith('m=audio'))] ?? '0';
  const media = sections.map((section, index) => {
    const mid = mids[index] ?? '';
    if (section.startsWith('m=audio') && mid === audioMid) {
      const offered = /a=(sendrecv|sendonly|recvonly|inactive)/.exec(section)?.[1] ?? 'sendrecv';
      const direction = ({ sendrecv: 'sendrecv', sendonly: 'recvonly', recvonly: 'sendonly', inactive: 'inactive' } as Record<string, string>)[offered];
      return audioTemplate.replace('a=mid:0', `a=mid:${mid}`).replace('a=setup:actpass', 'a=setup:passive').replace('a=sendrecv', `a=${direction}`).replace(/\r\n$/, '');
    }
    const [kind = 'video', , proto = 'UDP/TLS/RTP/SAVPF', format = '0'] = (/^m=(\S+) (\S+) (\S+) (\S+)/.exec(section) ?? []).slice(1);
    return [`m=${kind} 0 ${proto} ${format}`, 'c=IN IP4 0.0.0.0', `a=mid:${mid}`, 'a=inactive'].join('\r\n');
  });
  return [session.replace('a=group:BUNDLE 0', `a=group:BUNDLE ${audioMid}`), ...media, ''].join('\r\n');
}

export interface SipText {
  startLine: string;
  headers: [string, string][];
  raw: string;
}

function parse(raw: string): SipText {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n') >>> 0).replace(/\r\n[ \t]+/g, ' ');
  const [startLine = '', ...lines] = head.split('\r\n');
  const headers = lines.map((line): [string, string] => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]);
  return { startLine, headers, raw };
}

function header(message: SipText, name: string): string {
  return message.headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1] ?? '';
}

interface Dialog {
  callId: string;
  localTag: string;
  remoteTag: string;
  remoteTarget: string;
  to: string;
}

export class SipPeer {
  readonly #socket: WebSocket;
  readonly #domain: string;
  readonly user: string;
  readonly #contact: string;
  /** Requests the peer received (INVITE, BYE, NOTIFY…), in order. */
  readonly received: SipText[] = [];
  /** Branch → the pending request's settle function and its timer. */
  readonly #waiting = new Map<string, { settle: (response: SipText) => void; timer: ReturnType<typeof setTimeout> }>();
  #cseq = 1;
  #dialog: Dialog | null = null;
  #answered: Promise<number> | null = null;
  /** How a re-INVITE from the phone is answered; see {@link ReinviteAnswer}. */
  reinviteAnswer: ReinviteAnswer = 'empty';

  private constructor(socket: WebSocket, domain: string, user: string) {
    this.#socket = socket;
    this.#domain = domain;
    this.user = user;
    this.#contact = `<sip:peer${user}@peer${user}.invalid;transport=ws>`;
    socket.on('message', (data) => this.#receive(data.toString()));
    // A socket error must not take the test server down with it: the peer just stops.
    socket.on('error', () => socket.terminate());
  }

  /** Connects to the PBX and registers `user` with credentials derived from `secret`. */
  static async open(url: string, domain: string, secret: string, user: string): Promise<SipPeer> {
    const socket = new WebSocket(url, 'sip');
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const peer = new SipPeer(socket, domain, user);
    const { username, password } = ephemeralCredentials(secret, user, 600);
    const uri = `sip:${domain}`;
    const register = (extra: string[]) => peer.#request('REGISTER', uri, { to: `<sip:${user}@${domain}>`, callId: `reg-${user}`, extra: [...extra, 'Expires: 600'] });
    const challenge = await register([]);
    const nonce = /nonce="([^"]+)"/.exec(header(challenge, 'WWW-Authenticate'))?.[1] ?? '';
    const ha1 = md5(`${username}:${domain}:${password}`);
    const response = md5(`${ha1}:${nonce}:00000001:peer:auth:${md5(`REGISTER:${uri}`)}`);
    const auth = `Digest username="${username}", realm="${domain}", nonce="${nonce}", uri="${uri}", response="${response}", qop=auth, nc=00000001, cnonce="peer", algorithm=MD5`;
    const final = await register([`Authorization: ${auth}`]);
    if (!final.startLine.includes(' 200 ')) {
      peer.close();
      throw new Error(`peer ${user} could not register: ${final.startLine}`);
    }
    return peer;
  }

  /**
   * INVITEs `target` with `extra` headers (a From display name is given with `fromName`);
   * returns at once. {@link answered} settles with the final status; a 2xx is ACKed.
   */
  call(target: string, fromName: string, extra: string[] = []): void {
    const callId = `peer-call-${token()}`;
    const localTag = token();
    const to = `<sip:${target}@${this.#domain}>`;
    const from = `${fromName ? `"${fromName}" ` : ''}<sip:${this.user}@${this.#domain}>;tag=${localTag}`;
    this.#answered = this.#request('INVITE', `sip:${target}@${this.#domain}`, { to, from, callId, extra: ['Content-Type: application/sdp', ...extra], body: OFFER }).then(
      (response) => {
        const status = Number(response.startLine.split(' ')[1]);
        if (status >= 200 && status < 300) {
          const remoteTarget = /<([^>]+)>/.exec(header(response, 'Contact'))?.[1] ?? '';
          const remoteTag = /;tag=([^;\s]+)/.exec(header(response, 'To'))?.[1] ?? '';
          this.#dialog = { callId, localTag, remoteTag, remoteTarget, to };
          this.#send('ACK', remoteTarget, this.#inDialog('ACK', Number(header(response, 'CSeq').split(' ')[0])));
        }
        return status;
      },
    );
    // A call nobody waits for (the test only looks at the phone) must not end the server
    // with an unhandled rejection when its INVITE times out.
    this.#answered.catch(() => undefined);
  }

  /** The final status of the last {@link call}. */
  answered(): Promise<number> {
    if (!this.#answered) throw new Error('the peer placed no call');
    return this.#answered;
  }

  /** Sends a REFER in the established call with this exact Refer-To value; resolves with the final status. */
  async refer(referTo: string, timeoutMs = 40000): Promise<number> {
    await this.answered();
    const dialog = this.#requireDialog();
    const cseq = ++this.#cseq;
    const response = await this.#exchange(
      'REFER',
      dialog.remoteTarget,
      [...this.#inDialog('REFER', cseq), `Refer-To: ${referTo}`, `Referred-By: <sip:${this.user}@${this.#domain}>`],
      '',
      timeoutMs,
    );
    return Number(response.startLine.split(' ')[1]);
  }

  /** Ends the established call; resolves with the BYE's final status. */
  async bye(): Promise<number> {
    const dialog = this.#requireDialog();
    const cseq = ++this.#cseq;
    const response = await this.#exchange('BYE', dialog.remoteTarget, this.#inDialog('BYE', cseq), '');
    this.#dialog = null;
    return Number(response.startLine.split(' ')[1]);
  }

  /** Closes the socket; requests still waiting are dropped without settling. */
  close(): void {
    for (const { timer } of this.#waiting.values()) clearTimeout(timer);
    this.#waiting.clear();
    this.#socket.close();
  }

  #requireDialog(): Dialog {
    if (!this.#dialog) throw new Error('the peer has no established call');
    return this.#dialog;
  }

  #inDialog(method: string, cseq: number): string[] {
    const dialog = this.#requireDialog();
    return [
      `From: <sip:${this.user}@${this.#domain}>;tag=${dialog.localTag}`,
      `To: ${dialog.to};tag=${dialog.remoteTag}`,
      `Call-ID: ${dialog.callId}`,
      `CSeq: ${cseq} ${method}`,
    ];
  }

  #request(method: string, uri: string, options: { to: string; from?: string; callId: string; extra: string[]; body?: string }): Promise<SipText> {
    const from = options.from ?? `<sip:${this.user}@${this.#domain}>;tag=${token()}`;
    const lines = [`From: ${from}`, `To: ${options.to}`, `Call-ID: ${options.callId}`, `CSeq: ${++this.#cseq} ${method}`, ...options.extra];
    return this.#exchange(method, uri, lines, options.body ?? '');
  }

  /** Sends a request and waits for its final response (provisional ones are skipped). */
  #exchange(method: string, uri: string, lines: string[], body: string, timeoutMs = 20000): Promise<SipText> {
    const branch = `z9hG4bK${token()}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiting.delete(branch);
        reject(new Error(`no final response to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiting.set(branch, {
        timer,
        settle: (response) => {
          clearTimeout(timer);
          resolve(response);
        },
      });
      this.#send(method, uri, lines, body, branch);
    });
  }

  #send(method: string, uri: string, lines: string[], body = '', branch = `z9hG4bK${token()}`): void {
    const text = [
      `${method} ${uri} SIP/2.0`,
      `Via: SIP/2.0/WS peer${this.user}.invalid;branch=${branch}`,
      'Max-Forwards: 70',
      ...lines,
      `Contact: ${this.#contact}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n');
    this.#socket.send(text);
  }

  #receive(raw: string): void {
    if (raw.trim() === '') return;
    const message = parse(raw);
    if (message.startLine.startsWith('SIP/2.0 ')) {
      const status = Number(message.startLine.split(' ')[1]);
      const branch = /branch=([^;\s,]+)/.exec(header(message, 'Via'))?.[1] ?? '';
      if (status >= 200) this.#waiting.get(branch)?.settle(message);
      if (status >= 200) this.#waiting.delete(branch);
      return;
    }
    this.received.push(message);
    const method = message.startLine.split(' ')[0];
    if (method === 'ACK') return;
    // The peer answers what a phone in a call gets (BYE, NOTIFY, OPTIONS) with 200, and
    // refuses a new call (an INVITE the agent's phone was made to send) after recording it.
    // A re-INVITE is answered as `reinviteAnswer` says.
    const reinvite = method === 'INVITE' && /;tag=/.test(header(message, 'To'));
    let status = method === 'INVITE' && !reinvite ? '486 Busy Here' : '200 OK';
    let extra: string[] = [];
    let body = '';
    if (reinvite && this.reinviteAnswer === '488') status = '488 Not Acceptable Here';
    else if (reinvite && this.reinviteAnswer === 'no-video') {
      body = audioOnlyAnswer(message.raw.slice((message.raw.indexOf('\r\n\r\n') >>> 0) + 4));
      extra = [`Contact: ${this.#contact}`, 'Content-Type: application/sdp'];
    }
    if (method === 'BYE') this.#dialog = null;
    const copied = message.headers.filter(([name]) => /^(via|from|to|call-id|cseq)$/i.test(name));
    const response = [
      `SIP/2.0 ${status}`,
      ...copied.map(([n, v]) => (/^to$/i.test(n) && !/;tag=/.test(v) ? `${n}: ${v};tag=${token()}` : `${n}: ${v}`)),
      ...extra,
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ];
    this.#socket.send(response.join('\r\n'));
  }
}

/** Where the test server's PBX is, for {@link sipPeerRoute}. */
export interface PeerEnvironment {
  url: string;
  domain: string;
  secret: string;
}

let peer: SipPeer | null = null;

/**
 * `/test-only/sip-peer/<op>?…`: drives the one raw peer from a browser test. `open` (user),
 * `call` (to, fromName, header…), `answered`, `refer` (referTo, timeoutMs), `bye`, `received`,
 * `reinvite` (answer: empty | no-video | 488), `close`.
 */
export async function sipPeerRoute(op: string, params: URLSearchParams, env: PeerEnvironment): Promise<unknown> {
  const need = (): SipPeer => {
    if (!peer) throw new Error('no peer: open one first');
    return peer;
  };
  switch (op) {
    case 'open':
      peer?.close();
      peer = await SipPeer.open(env.url, env.domain, env.secret, params.get('user') ?? '2002');
      return { user: peer.user };
    case 'call':
      need().call(params.get('to') ?? '1001', params.get('fromName') ?? '', params.getAll('header'));
      return { sent: true };
    case 'answered':
      return { status: await need().answered() };
    case 'refer':
      return { status: await need().refer(params.get('referTo') ?? '', Number(params.get('timeoutMs') ?? 40000)) };
    case 'bye':
      return { status: await need().bye() };
    case 'reinvite': {
      const answer = params.get('answer');
      if (answer !== 'empty' && answer !== 'no-video' && answer !== '488') throw new Error(`unknown re-INVITE answer ${answer}`);
      need().reinviteAnswer = answer;
      return { answer };
    }
    case 'received':
      return { requests: need().received.map((m) => ({ startLine: m.startLine, headers: m.headers, body: m.raw.slice((m.raw.indexOf('\r\n\r\n') >>> 0) + 4) })) };
    case 'close':
      peer?.close();
      peer = null;
      return { closed: true };
    default:
      throw new Error(`unknown peer operation ${op}`);
  }
}
