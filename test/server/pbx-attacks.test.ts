import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { DevPbx } from '../../server/pbx/pbx.js';
import type { PbxLimits } from '../../server/pbx/limits.js';
import { connectClient, type SipClient } from './sip-client.js';

/**
 * Attacks on the dev PBX from the "Safe to deploy" review, each performed for real over
 * WebSocket: identity forgery, call theft by contact, and exhaustion before logging in.
 */
const SECRET = 'pbx-attack-secret';
const REALM = 'ringside.test';
const names: Record<string, string> = { '1001': 'Alice Agent', '1002': 'Bob Agent', '1003': 'Carol Agent', '2001': 'Customer Phone' };
const makePbx = (limits: Partial<PbxLimits> = {}) =>
  new DevPbx({ host: '127.0.0.1', port: 0, realm: REALM, secret: SECRET, lookupUser: (u) => (u in names ? { displayName: names[u]! } : undefined), limits });
const pbx = makePbx({ maxTransactionsPerSocket: 5 });
/** A PBX with tight connection limits, so those can be reached in a test. */
const tight = makePbx({ maxConnectionsPerAddress: 4, authenticateWithinMs: 300 });
const open: SipClient[] = [];
const connected = async (server = pbx) => {
  const client = await connectClient(server.url, REALM, SECRET);
  open.push(client);
  return client;
};
const headerValues = (message: string, name: string) =>
  message.split('\r\n\r\n')[0]!.split('\r\n').filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`));

before(() => Promise.all([pbx.start(), tight.start()]));
afterEach(async () => {
  const closing = open.splice(0).map((client) => {
    client.close();
    return client.closed();
  });
  await Promise.all(closing);
});
after(() => Promise.all([pbx.stop(), tight.stop()]));

describe('dev PBX: identity is asserted by the PBX, never by a phone (finding 5)', () => {
  it('strips forged P-Asserted-Identity, P-Preferred-Identity, Remote-Party-ID, X-Queue and X-DID, and asserts the caller', async () => {
    const attacker = await connected();
    const victim = await connected();
    await attacker.registerAs('2001');
    await victim.registerAs('1002');

    attacker.request('INVITE', `sip:1002@${REALM}`, '2001', [
      'P-Asserted-Identity: "Your Bank" <sip:18005550100@bank.example>',
      'p-asserted-identity: <tel:+18005550100>',
      'P-Preferred-Identity: <sip:18005550100@bank.example>',
      'Remote-Party-ID: "Your Bank" <sip:18005550100@bank.example>;party=calling',
      'X-Queue: Fraud Department',
      'x-did: 18005550100',
      'X-Custom: kept',
    ], '1002');
    const invite = await victim.next(/^INVITE /);

    assert.deepEqual(headerValues(invite, 'P-Asserted-Identity'), [`P-Asserted-Identity: "Customer Phone" <sip:2001@${REALM}>`]);
    for (const name of ['P-Preferred-Identity', 'Remote-Party-ID', 'X-Queue', 'X-DID']) assert.deepEqual(headerValues(invite, name), [], name);
    assert.deepEqual(headerValues(invite, 'X-Custom'), ['X-Custom: kept']);
  });

  it('strips identity headers from the answer too', async () => {
    const caller = await connected();
    const callee = await connected();
    await caller.registerAs('1003');
    await callee.registerAs('1001');

    caller.request('INVITE', `sip:1001@${REALM}`, '1003', [], '1001');
    const invite = await callee.next(/^INVITE /);
    callee.socket.send(invite.replace(/^INVITE [^\r]+/, 'SIP/2.0 200 OK').replace('\r\nContent-Length', '\r\nP-Asserted-Identity: "Your Bank" <sip:1800@bank.example>\r\nX-Queue: VIP\r\nContent-Length'));
    const answer = await caller.next(/^SIP\/2\.0 200/);

    assert.deepEqual(headerValues(answer, 'P-Asserted-Identity'), []);
    assert.deepEqual(headerValues(answer, 'X-Queue'), []);
  });
});

describe("dev PBX: a user cannot take another user's calls (finding 6)", () => {
  it("routes an INVITE to the address of record, not to another user's contact named after it", async () => {
    const agent = await connected();
    const thief = await connected();
    const caller = await connected();
    await agent.registerAs('1001');
    assert.match(await thief.registerAs('2001', `<sip:1001@${REALM};transport=ws>;expires=600`), / 200 /);
    await caller.registerAs('1003');

    caller.request('INVITE', `sip:1001@${REALM}`, '1003', [], '1001');

    assert.ok(await agent.receives(/^INVITE /, 2000), 'the agent rings');
    assert.equal(await thief.receives(/^INVITE /), false, 'the thief does not');
  });

  it("refuses to bind a contact another user has bound", async () => {
    const agent = await connected();
    const thief = await connected();
    const contact = '<sip:cagent@agenthost.invalid;transport=ws>;expires=600';
    assert.match(await agent.registerAs('1002', contact), / 200 /);

    assert.match(await thief.registerAs('2001', contact), /^SIP\/2\.0 403 Contact Belongs To Another User/);
  });

  it('relays a response only from the socket the request went to', async () => {
    const caller = await connected();
    const callee = await connected();
    const intruder = await connected();
    await caller.registerAs('1003');
    await callee.registerAs('1002');
    await intruder.registerAs('2001');

    caller.request('INVITE', `sip:1002@${REALM}`, '1003', [], '1002');
    const invite = await callee.next(/^INVITE /);
    intruder.socket.send(invite.replace(/^INVITE [^\r]+/, 'SIP/2.0 200 OK'));

    assert.equal(await caller.receives(/^SIP\/2\.0 200/), false);
  });
});

describe('dev PBX: bounded before anyone logs in (finding 7)', () => {
  it('counts REGISTER attempts for known users only: 3,000 made-up users leave nothing behind', async () => {
    const flooder = await connected();
    for (let i = 0; i < 3000; i++) flooder.request('REGISTER', `sip:${REALM}`, `flood${i}`);
    // 3,000 challenges take a few seconds on a loaded machine: wait for each as long as it takes.
    for (let i = 0; i < 3000; i++) await flooder.next(/^SIP\/2\.0 401/, 20_000);

    assert.deepEqual([...pbx.registerAttempts.keys()].filter((user) => !(user in names)), []);
  });

  it('closes a socket that sends a 59 kB message, and keeps serving', async () => {
    const attacker = await connected();
    const closed = attacker.closed();
    attacker.request('OPTIONS', `sip:${REALM}`, '2001', [`X-Pad: ${'a'.repeat(59 * 1024)}`]);

    assert.equal(await closed, 1009);
    const next = await connected();
    next.request('OPTIONS', `sip:${REALM}`, '2001');
    assert.match(await next.next(), /^SIP\/2\.0 200/);
  });

  const shapes: [string, string[]][] = [
    ['a 10 kB header line', [`Contact: <sip:${'a'.repeat(10_000)}@x.invalid>`]],
    ['400 header lines', Array.from({ length: 400 }, (_, i) => `X-H${i}: v`)],
  ];
  for (const [label, extra] of shapes) {
    it(`refuses ${label} before parsing it`, async () => {
      const attacker = await connected();
      const closed = attacker.closed();
      attacker.request('OPTIONS', `sip:${REALM}`, '2001', extra);

      assert.equal(await closed, 1009);
      assert.equal(attacker.inbox.length, 0);
    });
  }

  it('closes sockets that do not register in time, keeps registered ones', async () => {
    const idle = await connected(tight);
    const phone = await connected(tight);
    await phone.registerAs('1003');

    assert.equal(await idle.closed(), 1008);
    phone.request('OPTIONS', `sip:${REALM}`, '1003');
    assert.match(await phone.next(), /^SIP\/2\.0 200/);
  });

  it('caps connections per address', async () => {
    const clients = [];
    for (let i = 0; i < 6; i++) clients.push(await connected(tight));
    const refused = await Promise.all(clients.slice(4).map((client) => client.closed()));

    assert.deepEqual(refused, [1013, 1013]);
    assert.equal(tight.connections, 4);
    await clients[0]!.registerAs('1001'); // the admitted ones work
  });

  it('caps the transactions one socket can hold open', async () => {
    const caller = await connected();
    const callee = await connected();
    await caller.registerAs('1003');
    await callee.registerAs('1002');

    for (let i = 0; i < 6; i++) caller.request('INVITE', `sip:1002@${REALM}`, '1003', [], '1002');

    assert.match(await caller.next(/^SIP\/2\.0 503/), /Too Many Open Transactions/);
    caller.close();
    callee.close();
  });
});
