import { expect } from '@open-wc/testing';
import { hears } from '../support/audio.js';
import { mountPhone, unmountAll, type MountedPhone } from '../support/phone.js';

/**
 * Queue calls through the dev PBX's queue 7000 "Support" (server/pbx/queue.ts), with real
 * widgets: the customer 2001 dials 7000, the PBX rings agents 1001 and 1002 one at a time,
 * longest idle first (1001 registers first), and the agent who answers sees the queue facts
 * the PBX set: X-Queue, X-DID, X-Queue-Wait and X-Contact-Id.
 */
const QUEUE = '7000';
const DID = '+15550107000'; // DEV_QUEUES in server/pbx/queue.ts

/** Agents mounted in order, a moment apart, so the first is the longest idle. */
async function agentsInOrder<T extends string[]>(...users: T): Promise<{ [K in keyof T]: MountedPhone }> {
  const phones: MountedPhone[] = [];
  for (const user of users) {
    phones.push(await mountPhone(user));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return phones as { [K in keyof T]: MountedPhone };
}

describe('queue calls', () => {
  afterEach(() => unmountAll());

  it('rings the longest idle agent first; when that agent rejects, the next one gets the same contact', async () => {
    const [alice, bob] = await agentsInOrder('1001', '1002');
    const customer = await mountPhone('2001');

    await customer.phone.dial(QUEUE);
    const first = await alice.log.next('OnInboundAgentCalled');
    expect(bob.log.names()).not.to.include('OnIncomingCallRinging');
    expect(first.data.call.queue).to.equal('Support');
    await alice.phone.reject();

    const second = await bob.log.next('OnInboundAgentCalled');
    expect(second.data.activeCallProperties.CONTID).to.equal(first.data.activeCallProperties.CONTID);
    expect(second.data.activeCallProperties.CONTID).to.match(/^[0-9a-f-]{36}$/);
    await customer.phone.hangUp();
    await bob.log.next('OnAgentRingNoAnswer');
  });

  it('passes over a not-ready agent (486) to a ready one, who answers with the queue, DID and contact id; audio flows both ways', async () => {
    const [alice, bob] = await agentsInOrder('1001', '1002');
    const customer = await mountPhone('2001');
    await alice.phone.notReady('BREAK');
    await alice.log.next('OnNotready');

    await customer.phone.dial(QUEUE);
    await customer.log.next('OnOutgoingCallRinging'); // the queue's ringback
    const ringing = await bob.log.next('OnInboundAgentCalled');
    const { call, activeCallProperties } = ringing.data;

    expect([call.queue, call.did, call.remoteNumber, call.identity]).to.deep.equal(['Support', DID, '2001', 'asserted']);
    expect(call.variables?.['Queue-Wait']).to.match(/^\d+$/);
    expect(call.variables?.['Contact-Id']).to.match(/^[0-9a-f-]{36}$/);
    expect(activeCallProperties.CONTID).to.equal(call.variables?.['Contact-Id']);
    expect(activeCallProperties.SKILLNAME).to.equal('Support');
    expect(activeCallProperties.DID).to.equal(DID);
    expect(alice.log.names()).not.to.include('OnIncomingCallRinging');

    await bob.phone.answer();
    await bob.log.next('OnInboundAgentConnect');
    const answered = await customer.log.next('OnOutgoingCallAnswered');
    expect(answered.data.call.remoteNumber).to.equal(QUEUE);
    await hears(bob.phone);
    await hears(customer.phone);

    const [active] = (await bob.phone.queryStatus()).calls;
    expect([active?.queue, active?.did, active?.state]).to.deep.equal(['Support', DID, 'active']);
    await customer.phone.hangUp();
    await bob.log.next('OnInboundAgentComplete');
    expect(alice.log.names()).not.to.include('OnIncomingCallRinging');
  });
});
