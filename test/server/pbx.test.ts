import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { ephemeralCredentials, ephemeralPassword } from '../../server/credentials.js';
import { DevPbx } from '../../server/pbx/pbx.js';

const SECRET = 'pbx-test-secret';
const REALM = 'ringside.test';
const pbx = new DevPbx({ host: '127.0.0.1', port: 0, realm: REALM, secret: SECRET, isKnownUser: (u) => ['1001', '1002', '1003'].includes(u) });
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

before(() => pbx.start());
after(() => pbx.stop());

/** A minimal SIP-over-WebSocket client, just enough to talk to the PBX by hand. */
class Client {
  readonly socket: WebSocket;
  readonly inbox: string[] = [];
  #cseq = 1;
  constructor() {
    this.socket = new WebSocket(pbx.url, 'sip');
    this.socket.on('message', (data) => this.inbox.push(data.toString()));
  }
  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
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
  request(method: string, uri: string, user: string, extra: string[] = [], toUser = user): void {
    const branch = `z9hG4bK${Math.random().toString(36).slice(2)}`;
    const lines = [
      `${method} ${uri} SIP/2.0`,
      `Via: SIP/2.0/WS client.invalid;branch=${branch}`,
      'Max-Forwards: 70',
      `To: <sip:${toUser}@${REALM}>`,
      `From: <sip:${user}@${REALM}>;tag=t${this.#cseq}`,
      `Call-ID: call-${user}-${Math.random().toString(36).slice(2)}`,
      `CSeq: ${this.#cseq++} ${method}`,
      `Contact: <sip:c${user}@${user}host.invalid;transport=ws>;expires=600`,
      ...extra,
      'Content-Length: 0',
      '',
      '',
    ];
    this.socket.send(lines.join('\r\n'));
  }
  /** REGISTER, answer the challenge with `password` for `username`; returns the final status line. */
  async register(user: string, username: string, password: string): Promise<string> {
    this.request('REGISTER', `sip:${REALM}`, user);
    const challenge = await this.next();
    assert.match(challenge, /^SIP\/2\.0 401/);
    const nonce = /nonce="([^"]+)"/.exec(challenge)![1]!;
    const uri = `sip:${REALM}`;
    const ha1 = md5(`${username}:${REALM}:${password}`);
    const response = md5(`${ha1}:${nonce}:00000001:abc:auth:${md5(`REGISTER:${uri}`)}`);
    this.request('REGISTER', uri, user, [`Authorization: Digest username="${username}", realm="${REALM}", nonce="${nonce}", uri="${uri}", response="${response}", qop=auth, nc=00000001, cnonce="abc", algorithm=MD5`]);
    return (await this.next()).split('\r\n')[0]!;
  }
  close(): void {
    this.socket.close();
  }
}

async function connected(): Promise<Client> {
  const client = new Client();
  await client.open();
  return client;
}

describe('dev PBX registrar', () => {
  const creds = (user: string, ttl = 600) => ephemeralCredentials(SECRET, user, ttl);
  const cases: { label: string; user: string; username: () => string; password: (username: string) => string; status: RegExp }[] = [
    { label: 'valid ephemeral credentials', user: '1001', username: () => creds('1001').username, password: (u) => ephemeralPassword(SECRET, u), status: /^SIP\/2\.0 200/ },
    { label: 'expired credentials', user: '1001', username: () => `${Math.floor(Date.now() / 1000) - 10}:1001`, password: (u) => ephemeralPassword(SECRET, u), status: /^SIP\/2\.0 403 Credentials Expired/ },
    { label: 'a wrong password', user: '1001', username: () => creds('1001').username, password: () => 'guess', status: /^SIP\/2\.0 403 Wrong Password/ },
    { label: 'another secret', user: '1001', username: () => creds('1001').username, password: (u) => ephemeralPassword('other', u), status: /^SIP\/2\.0 403 Wrong Password/ },
    { label: "another user's credentials", user: '1002', username: () => creds('1001').username, password: (u) => ephemeralPassword(SECRET, u), status: /^SIP\/2\.0 403 Credentials Of Another User/ },
    { label: 'a malformed username', user: '1001', username: () => '1001', password: () => 'x', status: /^SIP\/2\.0 403 Bad Username/ },
  ];
  for (const { label, user, username, password, status } of cases) {
    it(`answers ${label} with ${status.source.slice(10)}`, async () => {
      const client = await connected();
      const name = username();
      assert.match(await client.register(user, name, password(name)), status);
      client.close();
    });
  }

  it('drops the registration when the socket closes', async () => {
    const client = await connected();
    const { username, password } = creds('1003');
    assert.match(await client.register('1003', username, password), / 200 /);
    assert.equal(pbx.registrations('1003'), 1);

    client.close();
    for (let i = 0; i < 100 && pbx.registrations('1003') > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));

    assert.equal(pbx.registrations('1003'), 0);
  });
});

describe('dev PBX proxy', () => {
  it('refuses requests from a socket that never registered', async () => {
    const client = await connected();
    client.request('INVITE', `sip:1002@${REALM}`, '1001', [], '1002');
    assert.match(await client.next(), /^SIP\/2\.0 403 Register First/);
    client.close();
  });

  it('answers 404 for an unknown user, 480 for an offline one, 403 for a forged From', async () => {
    const client = await connected();
    const { username, password } = ephemeralCredentials(SECRET, '1001', 600);
    await client.register('1001', username, password);

    client.request('INVITE', `sip:9999@${REALM}`, '1001', [], '9999');
    assert.match(await client.next(), /^SIP\/2\.0 404/);
    client.request('INVITE', `sip:1002@${REALM}`, '1001', [], '1002');
    assert.match(await client.next(), /^SIP\/2\.0 480/);
    client.request('INVITE', `sip:1002@${REALM}`, '1003', [], '1002');
    assert.match(await client.next(), /^SIP\/2\.0 403 From Does Not Match/);
    client.close();
  });

  it('relays a request and its response between registered users, with its own Via on top', async () => {
    const alice = await connected();
    const bob = await connected();
    const a = ephemeralCredentials(SECRET, '1001', 600);
    const b = ephemeralCredentials(SECRET, '1002', 600);
    await alice.register('1001', a.username, a.password);
    await bob.register('1002', b.username, b.password);

    alice.request('MESSAGE', `sip:1002@${REALM}`, '1001', ['X-CONTID: abc-1'], '1002');
    const relayed = await bob.next(/^MESSAGE /);
    assert.match(relayed, /\r\nX-CONTID: abc-1\r\n/); // header names pass through as written
    assert.match(relayed, /^MESSAGE sip:c1002@1002host\.invalid;transport=ws SIP\/2\.0/);
    assert.match(relayed, /Max-Forwards: 69/);
    const vias = relayed.split('\r\n').filter((line) => line.startsWith('Via:'));
    assert.equal(vias.length, 2);
    assert.match(vias[0]!, /pbx\.invalid/);

    const reply = relayed.replace(/^MESSAGE [^\r]+/, 'SIP/2.0 200 OK');
    bob.socket.send(reply);
    const back = await alice.next();
    assert.match(back, /^SIP\/2\.0 200 OK/);
    assert.equal(back.split('\r\n').filter((line) => line.startsWith('Via:')).length, 1);
    alice.close();
    bob.close();
  });

  it('survives garbage on the socket', async () => {
    const client = await connected();
    client.socket.send('this is not SIP\r\n\r\n');
    client.socket.send('INVITE\r\n\r\n');
    client.request('OPTIONS', `sip:${REALM}`, '1001');
    assert.match(await client.next(), /^SIP\/2\.0 200/);
    client.close();
  });
});
