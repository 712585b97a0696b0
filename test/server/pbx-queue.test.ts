import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { DevPbx } from '../../server/pbx/pbx.js';
import { queuesOf } from '../../server/pbx/queue.js';
import { connectClient, type SipClient } from './sip-client.js';

/**
 * The dev PBX's queue, over real WebSockets with hand-written SIP: who rings, in which
 * order, with which headers, and what happens on busy, no answer, hang-up and going away.
 */
const SECRET = 'pbx-queue-secret';
const REALM = 'ringside.test';
const names: Record<string, string> = { '1001': 'Alice Agent', '1002': 'Bob Agent', '1003': 'Carol Agent', '2001': 'Customer Phone', '2002': 'Second Customer' };
const pbx = new DevPbx({
  host: '127.0.0.1',
  port: 0,
  realm: REALM,
  secret: SECRET,
  lookupUser: (u) => (u in names ? { displayName: names[u]! } : undefined),
  queues: [
    { number: '7000', name: 'Support', did: '+15550107000', members: ['1001', '1002', '1003'], ringTimeoutMs: 1500, retryMs: 150, maxWaitMs: 20_000 },
    { number: '7001', name: 'Sales', members: ['1003'], ringTimeoutMs: 300, retryMs: 100, maxWaitMs: 700 },
  ],
});
const open: SipClient[] = [];
const connected = async () => {
  const client = await connectClient(pbx.url, REALM, SECRET);
  open.push(client);
  return client;
};
/** Registers `users` in order, a few ms apart, so the first is the longest idle. */
async function agents<T extends string[]>(...users: T): Promise<{ [K in keyof T]: SipClient }> {
  const clients: SipClient[] = [];
  for (const user of users) {
    const client = await connected();
    assert.match(await client.registerAs(user), / 200 /);
    clients.push(client);
    await pause(10);
  }
  return clients as { [K in keyof T]: SipClient };
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const head = (message: string) => message.split('\r\n\r\n')[0]!.split('\r\n');
const headerValues = (message: string, name: string) =>
  head(message)
    .filter((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
    .map((line) => line.slice(line.indexOf(':') + 1).trim());
const header = (message: string, name: string) => headerValues(message, name)[0];
const branchOf = (message: string) => /branch=([^;\s]+)/.exec(header(message, 'Via')!)![1];

/** A UAS response to a request as received (its Vias, From, To with a tag, Call-ID, CSeq). */
function respond(request: string, status: number, reason: string, toTag: string, extra: string[] = []): string {
  const copied = head(request)
    .slice(1)
    .filter((line) => /^(via|from|to|call-id|cseq):/i.test(line))
    .map((line) => (/^to:/i.test(line) && !/;tag=/.test(line) ? `${line};tag=${toTag}` : line));
  return [`SIP/2.0 ${status} ${reason}`, ...copied, ...extra, 'Content-Length: 0', '', ''].join('\r\n');
}
/** The CANCEL of an INVITE the client sent (same Via branch, Call-ID and CSeq number). */
const cancelOf = (invite: string) =>
  invite.replace(/^INVITE /, 'CANCEL ').replace(/CSeq: (\d+) INVITE/, 'CSeq: $1 CANCEL');

before(() => pbx.start());
afterEach(async () => {
  const closing = open.splice(0).map((client) => {
    client.close();
    return client.closed();
  });
  await Promise.all(closing);
  for (let i = 0; i < 100 && pbx.queuedCalls > 0; i++) await pause(10);
});
after(() => pbx.stop());

describe('dev PBX queue: who rings, with what', () => {
  it('rings the longest idle agent first with X-Queue, X-DID, X-Queue-Wait and X-Contact-Id, then the next on 486; the answer reaches the caller', async () => {
    const [alice, bob] = await agents('1001', '1002');
    const caller = await connected();
    await caller.registerAs('2001');

    const invite = caller.request('INVITE', `sip:7000@${REALM}`, '2001', [], '7000');
    const ringback = await caller.next(/^SIP\/2\.0 180/);
    assert.match(header(ringback, 'To')!, /;tag=/);
    assert.ok(header(ringback, 'Contact'), 'a 180 with a To tag carries a Contact');

    const first = await alice.next(/^INVITE /);
    assert.match(first, /^INVITE sip:c1001@1001host\.invalid;transport=ws SIP\/2\.0/);
    assert.equal(header(first, 'X-Queue'), 'Support');
    assert.equal(header(first, 'X-DID'), '+15550107000');
    assert.equal(header(first, 'X-Queue-Wait'), '0');
    const contactId = header(first, 'X-Contact-Id')!;
    assert.match(contactId, /^[0-9a-f-]{36}$/);
    assert.equal(header(first, 'P-Asserted-Identity'), `"Customer Phone" <sip:2001@${REALM}>`);
    assert.equal(header(first, 'Call-ID'), header(invite, 'Call-ID'));
    assert.equal(await bob.receives(/^INVITE /, 200), false, 'one agent at a time');

    await pause(1000); // the caller waits a second in the queue
    alice.socket.send(respond(first, 486, 'Busy Here', 'alice'));
    const ack = await alice.next(/^ACK /);
    assert.equal(branchOf(ack), branchOf(first), 'the PBX ACKs the 486 on its own transaction');

    const second = await bob.next(/^INVITE /);
    assert.equal(header(second, 'X-Contact-Id'), contactId, 'the same contact id on every leg');
    assert.ok(Number(header(second, 'X-Queue-Wait')) >= 1, `waited ${header(second, 'X-Queue-Wait')} s`);
    assert.equal(header(second, 'X-Queue'), 'Support');
    assert.notEqual(branchOf(second), branchOf(first));
    assert.equal(await caller.receives(/^SIP\/2\.0 486/, 200), false, "an agent's refusal is not the caller's");

    bob.socket.send(respond(second, 200, 'OK', 'bob', ['Contact: <sip:c1002@1002host.invalid;transport=ws>', 'X-Queue: forged by the agent']));
    const answer = await caller.next(/^SIP\/2\.0 200/);
    assert.equal(headerValues(answer, 'Via').length, 1, 'the PBX took its own Via off');
    assert.match(header(answer, 'To')!, /;tag=bob/);
    assert.deepEqual(headerValues(answer, 'X-Queue'), [], "an agent's answer cannot state queue facts");
    assert.equal(pbx.queuedCalls, 0);
  });

  it('rings the agent idle longest: a call that just ended puts its agent last', async () => {
    const [alice, bob] = await agents('1001', '1002');
    const caller = await connected();
    await caller.registerAs('2001');

    // Alice (registered first) takes a queue call and hangs up: Bob is now idle longer.
    caller.request('INVITE', `sip:7000@${REALM}`, '2001', [], '7000');
    const first = await alice.next(/^INVITE /);
    alice.socket.send(respond(first, 200, 'OK', 'alice', ['Contact: <sip:c1001@1001host.invalid;transport=ws>']));
    await caller.next(/^SIP\/2\.0 200/);
    alice.request('BYE', 'sip:c2001@2001host.invalid;transport=ws', '1001', [], '2001');
    await caller.next(/^BYE /);

    caller.request('INVITE', `sip:7000@${REALM}`, '2001', [], '7000');
    assert.ok(await bob.receives(/^INVITE /, 1000), 'Bob rings first');
    assert.equal(await alice.receives(/^INVITE /, 200), false);
  });

  it('skips an agent on a call, and cycles again while the caller waits', async () => {
    const [alice, bob] = await agents('1001', '1002');
    const [caller, other] = [await connected(), await connected()];
    await caller.registerAs('2001');
    await other.registerAs('2002');

    // Bob is on a (direct) call.
    other.request('INVITE', `sip:1002@${REALM}`, '2002', [], '1002');
    const direct = await bob.next(/^INVITE /);
    bob.socket.send(respond(direct, 200, 'OK', 'bob', ['Contact: <sip:c1002@1002host.invalid;transport=ws>']));
    await other.next(/^SIP\/2\.0 200/);

    const invite = caller.request('INVITE', `sip:7000@${REALM}`, '2001', [], '7000');
    const first = await alice.next(/^INVITE /);
    alice.socket.send(respond(first, 603, 'Decline', 'alice'));
    await alice.next(/^ACK /);
    // Next pass: Bob is still busy, so Alice rings again.
    const again = await alice.next(/^INVITE /, 2000);
    assert.equal(header(again, 'X-Contact-Id'), header(first, 'X-Contact-Id'));
    assert.equal(await bob.receives(/^INVITE /, 100), false, 'an agent on a call is skipped');

    caller.socket.send(cancelOf(invite));
    await caller.next(/^SIP\/2\.0 200 .*\r\n[\s\S]*CSeq: \d+ CANCEL/);
    await caller.next(/^SIP\/2\.0 487/);
    const cancel = await alice.next(/^CANCEL /);
    assert.equal(branchOf(cancel), branchOf(again), 'the CANCEL is for the ringing leg');
  });
});

describe('dev PBX queue: no answer, hang-up, going away, giving up', () => {
  it('cancels a leg that rings past the ring timeout and rings the next agent', async () => {
    const [alice, bob] = await agents('1001', '1002');
    const caller = await connected();
    await caller.registerAs('2001');

    caller.request('INVITE', `sip:7000@${REALM}`, '2001', [], '7000');
    const first = await alice.next(/^INVITE /);
    alice.socket.send(respond(first, 180, 'Ringing', 'alice', ['Contact: <sip:c1001@1001host.invalid;transport=ws>']));
    const started = Date.now();
    const cancel = await alice.next(/^CANCEL /, 3000);
    const rang = Date.now() - started;
    assert.ok(rang >= 1300 && rang < 2500, `rang ${rang} ms for a 1500 ms ring timeout`);
    assert.equal(branchOf(cancel), branchOf(first));
    const second = await bob.next(/^INVITE /);
    assert.equal(header(second, 'X-Queue-Wait'), '1');
    assert.equal(header(second, 'X-Contact-Id'), header(first, 'X-Contact-Id'));

    // Alice's phone confirms the CANCEL and ends its INVITE with 487, which the PBX ACKs.
    alice.socket.send(respond(cancel, 200, 'OK', 'alice'));
    alice.socket.send(respond(first, 487, 'Request Terminated', 'alice'));
    assert.equal(branchOf(await alice.next(/^ACK /)), branchOf(first));
    assert.equal(await caller.receives(/^SIP\/2\.0 487/, 200), false, 'the caller still waits');
  });

  it('gives the call to a leg that answers just after its CANCEL, and cancels the next one', async () => {
    const [alice, bob] = await agents('1001', '1002');
    const caller = await connected();
    await caller.registerAs('2001');

    caller.request('INVITE', `sip:7000@${REALM}`, '2001', [], '7000');
    const first = await alice.next(/^INVITE /);
    await alice.next(/^CANCEL /, 3000);
    const second = await bob.next(/^INVITE /);
    alice.socket.send(respond(first, 200, 'OK', 'alice', ['Contact: <sip:c1001@1001host.invalid;transport=ws>']));

    assert.match(header(await caller.next(/^SIP\/2\.0 200/), 'To')!, /;tag=alice/);
    assert.equal(branchOf(await bob.next(/^CANCEL /)), branchOf(second));
  });

  it('cancels the ringing leg when the caller hangs up, and when the caller goes away', async () => {
    const [alice] = await agents('1001');
    const caller = await connected();
    await caller.registerAs('2001');

    const invite = caller.request('INVITE', `sip:7000@${REALM}`, '2001', [], '7000');
    const first = await alice.next(/^INVITE /);
    caller.socket.send(cancelOf(invite));
    const terminated = await caller.next(/^SIP\/2\.0 487/);
    assert.match(header(terminated, 'CSeq')!, /INVITE$/);
    assert.equal(branchOf(await alice.next(/^CANCEL /)), branchOf(first));

    caller.request('INVITE', `sip:7000@${REALM}`, '2001', [], '7000');
    const next = await alice.next(/^INVITE /);
    caller.close();
    assert.equal(branchOf(await alice.next(/^CANCEL /)), branchOf(next));

    // Alice's answer crossed the CANCEL: the PBX takes it and hangs up, so her phone is not left in a call.
    alice.socket.send(respond(next, 200, 'OK', 'alice', ['Contact: <sip:c1001@1001host.invalid;transport=ws>']));
    const ack = await alice.next(/^ACK /);
    assert.match(ack, /^ACK sip:c1001@1001host\.invalid;transport=ws SIP\/2\.0/);
    assert.match(header(ack, 'To')!, /;tag=alice/);
    const bye = await alice.next(/^BYE /);
    assert.equal(header(bye, 'Call-ID'), header(next, 'Call-ID'));
    assert.match(header(bye, 'CSeq')!, /^\d+ BYE$/);
  });

  it('rings the next agent when the ringing one goes away', async () => {
    const [alice, bob] = await agents('1001', '1002');
    const caller = await connected();
    await caller.registerAs('2001');

    caller.request('INVITE', `sip:7000@${REALM}`, '2001', [], '7000');
    await alice.next(/^INVITE /);
    alice.close();
    const second = await bob.next(/^INVITE /);
    assert.equal(header(second, 'X-Queue'), 'Support');
  });

  it('answers 480 when no agent answered within the maximum wait, and only agents of the queue ring', async () => {
    const [alice] = await agents('1001'); // not a member of 7001
    const caller = await connected();
    await caller.registerAs('2001');

    const started = Date.now();
    caller.request('INVITE', `sip:7001@${REALM}`, '2001', [], '7001');
    await caller.next(/^SIP\/2\.0 180/);
    const final = await caller.next(/^SIP\/2\.0 [2-6]/, 2000);
    assert.match(final, /^SIP\/2\.0 480 No Agent Answered/);
    assert.ok(Date.now() - started >= 650, 'not before the maximum wait');
    assert.equal(await alice.receives(/^INVITE /, 50), false);
  });
});

describe('dev PBX queue: only the PBX states queue facts', () => {
  it('strips X-Queue, X-DID, X-Queue-Wait and X-Contact-Id a phone sends to an extension', async () => {
    const [alice] = await agents('1001');
    const caller = await connected();
    await caller.registerAs('2001');

    const forged = ['X-Queue: VIP', 'x-did: +18005550100', 'X-Queue-Wait: 999', 'x-contact-id: forged-contact', 'X-CONTID: kept'];
    caller.request('INVITE', `sip:1001@${REALM}`, '2001', forged, '1001');
    const invite = await alice.next(/^INVITE /);
    for (const name of ['X-Queue', 'X-DID', 'X-Queue-Wait', 'X-Contact-Id']) assert.deepEqual(headerValues(invite, name), [], name);
    assert.equal(header(invite, 'X-CONTID'), 'kept', "a caller's CTI variables are data and pass");
  });

  it("replaces a caller's forged queue headers with the queue's own", async () => {
    const [alice] = await agents('1001');
    const caller = await connected();
    await caller.registerAs('2001');

    caller.request('INVITE', `sip:7000@${REALM}`, '2001', ['X-Queue: VIP', 'X-Queue-Wait: 999', 'X-Contact-Id: forged'], '7000');
    const invite = await alice.next(/^INVITE /);
    assert.deepEqual(headerValues(invite, 'X-Queue'), ['Support']);
    assert.deepEqual(headerValues(invite, 'X-Queue-Wait'), ['0']);
    assert.notDeepEqual(headerValues(invite, 'X-Contact-Id'), ['forged']);
    assert.equal(headerValues(invite, 'X-Contact-Id').length, 1);
  });

  it('refuses queue configs that could break a header', () => {
    assert.throws(() => queuesOf([{ number: '7000', name: 'Support\r\nX-Queue: VIP' }]), /queue "7000": name/);
    assert.throws(() => queuesOf([{ number: '70 00', name: 'Support' }]), /queue "70 00": number/);
    assert.throws(() => queuesOf([{ number: '7000', name: 'A' }, { number: '7000', name: 'B' }]), /used twice/);
    assert.throws(() => queuesOf([{ number: '7000', name: 'A', ringTimeoutMs: 0 }]), /positive/);
    assert.equal(queuesOf([{ number: '7000', name: 'Support' }]).get('7000')!.did, '7000', 'the DID defaults to the number');
  });
});
