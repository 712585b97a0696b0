import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ephemeralCredentials, ephemeralPassword } from '../../server/credentials.js';
import { DevPbx } from '../../server/pbx/pbx.js';
import { connectClient } from './sip-client.js';

const SECRET = 'pbx-test-secret';
const REALM = 'ringside.test';
const pbx = new DevPbx({ host: '127.0.0.1', port: 0, realm: REALM, secret: SECRET, lookupUser: (u) => (['1001', '1002', '1003'].includes(u) ? { displayName: u } : undefined) });

before(() => pbx.start());
after(() => pbx.stop());

const connected = () => connectClient(pbx.url, REALM, SECRET);

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
