import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { WebSocket } from 'ws';
import { ephemeralCredentials } from '../../server/credentials.js';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** A minimal SIP-over-WebSocket client, just enough to talk to (and attack) the dev PBX by hand. */
export class SipClient {
  readonly socket: WebSocket;
  readonly inbox: string[] = [];
  #cseq = 1;
  #closeCode: Promise<number>;
  constructor(
    url: string,
    readonly realm: string,
    readonly secret: string,
  ) {
    this.socket = new WebSocket(url, 'sip');
    this.socket.on('message', (data) => this.inbox.push(data.toString()));
    this.socket.on('error', () => undefined);
    this.#closeCode = new Promise((resolve) => this.socket.once('close', (code) => resolve(code)));
  }
  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
  }
  /** Resolves when the PBX closes the socket, with the close code. */
  closed(): Promise<number> {
    return this.#closeCode;
  }
  async next(match: RegExp = /^SIP\/2\.0/, timeoutMs = 3000): Promise<string> {
    const started = Date.now();
    for (;;) {
      const index = this.inbox.findIndex((m) => match.test(m));
      if (index >= 0) return this.inbox.splice(index, 1)[0]!;
      if (Date.now() - started > timeoutMs) throw new Error(`no message matching ${match}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  /** Whether a message matching `match` arrives within `ms` (for "nothing came" assertions after a round trip). */
  async receives(match: RegExp, ms = 300): Promise<boolean> {
    return this.next(match, ms).then(
      () => true,
      () => false,
    );
  }
  request(method: string, uri: string, user: string, extra: string[] = [], toUser = user, contact = `<sip:c${user}@${user}host.invalid;transport=ws>;expires=600`): string {
    const branch = `z9hG4bK${Math.random().toString(36).slice(2)}`;
    const lines = [
      `${method} ${uri} SIP/2.0`,
      `Via: SIP/2.0/WS client.invalid;branch=${branch}`,
      'Max-Forwards: 70',
      `To: <sip:${toUser}@${this.realm}>`,
      `From: <sip:${user}@${this.realm}>;tag=t${this.#cseq}`,
      `Call-ID: call-${user}-${Math.random().toString(36).slice(2)}`,
      `CSeq: ${this.#cseq++} ${method}`,
      `Contact: ${contact}`,
      ...extra,
      'Content-Length: 0',
      '',
      '',
    ];
    const text = lines.join('\r\n');
    this.socket.send(text);
    return text;
  }
  /** REGISTER, answer the challenge with `password` for `username`; returns the final status line. */
  async register(user: string, username: string, password: string, contact?: string): Promise<string> {
    this.request('REGISTER', `sip:${this.realm}`, user, [], user, contact);
    const challenge = await this.next();
    assert.match(challenge, /^SIP\/2\.0 401/);
    const nonce = /nonce="([^"]+)"/.exec(challenge)![1]!;
    const uri = `sip:${this.realm}`;
    const ha1 = md5(`${username}:${this.realm}:${password}`);
    const response = md5(`${ha1}:${nonce}:00000001:abc:auth:${md5(`REGISTER:${uri}`)}`);
    this.request('REGISTER', uri, user, [`Authorization: Digest username="${username}", realm="${this.realm}", nonce="${nonce}", uri="${uri}", response="${response}", qop=auth, nc=00000001, cnonce="abc", algorithm=MD5`], user, contact);
    return (await this.next()).split('\r\n')[0]!;
  }
  /** Registers `user` with fresh valid ephemeral credentials. */
  async registerAs(user: string, contact?: string): Promise<string> {
    const { username, password } = ephemeralCredentials(this.secret, user, 600);
    return this.register(user, username, password, contact);
  }
  close(): void {
    this.socket.close();
  }
}

export async function connectClient(url: string, realm: string, secret: string): Promise<SipClient> {
  const client = new SipClient(url, realm, secret);
  await client.open();
  return client;
}
