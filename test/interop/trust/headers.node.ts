import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildResponse, headerValue, headerValues, randomToken, type SipMessage } from '../wire/sip.js';
import { inDialog, phoneCallsPhone, trunkCallsPhone } from './calls.js';
import { DOMAIN, isInvite, phone, PSTN_USER, trunk, trustedCaller, useStack } from './fixture.js';

/**
 * Ringside shows P-Asserted-Identity as the caller's asserted identity and X-Queue, X-DID
 * (and the tenant's network headers) as facts from the network. Only trusted peers may set
 * them; a phone's identity is what its credentials prove.
 */
describe('identity and network-fact headers are believed only from trusted peers', () => {
  const { stack } = useStack();

  /** What a hand-written client could add, in the spellings a lax parser would accept. */
  const FORGED = [
    'P-Asserted-Identity: "Bank" <sip:+18005550100@carrier.example>',
    'p-asserted-identity: <tel:+18005550101>',
    'P-Preferred-Identity: <sip:+18005550102@carrier.example>',
    'Remote-Party-ID: "Bank" <sip:+18005550103@carrier.example>;party=calling;screen=yes',
    'X-Queue: VIP',
    'x-did: 18005550104',
    'X-Campaign: forged',
    'x-account-id: 42',
    'X-Queue-Wait: 999',
    'x-contact-id: forged-contact',
  ];
  const NETWORK_HEADERS = ['p-preferred-identity', 'remote-party-id', 'x-queue', 'x-did', 'x-queue-wait', 'x-contact-id', 'x-campaign', 'x-account-id'];

  const assertNoForgery = (message: SipMessage, user: string) => {
    assert.deepEqual(headerValues(message, 'p-asserted-identity'), [`<sip:${user}@${DOMAIN}>`]);
    for (const name of NETWORK_HEADERS) assert.deepEqual(headerValues(message, name), [], `${name} was relayed`);
  };

  it('(c) a phone calling a phone: forged PAI, PPI, Remote-Party-ID, X-Queue, X-DID and tenant network headers are removed; PAI is the caller\'s own user', async () => {
    const [caller, callee] = await Promise.all([phone(stack(), '1002'), phone(stack(), '1003')]);
    try {
      const call = await phoneCallsPhone(caller, callee, [...FORGED, 'X-CONTID: sampleCONTID']);
      assertNoForgery(call.invite, '1002');
      // The phone's own CTI variables are data, not network facts: they still pass.
      assert.equal(headerValue(call.invite, 'x-contid'), 'sampleCONTID');

      // A re-INVITE cannot smuggle them in later either.
      const reinvite = await inDialog(caller.peer, call.caller, 'INVITE', callee.peer, { headers: FORGED });
      assert.ok(reinvite.received);
      for (const name of ['p-asserted-identity', ...NETWORK_HEADERS]) assert.deepEqual(headerValues(reinvite.received, name), [], name);
      await inDialog(caller.peer, call.caller, 'BYE', callee.peer);
    } finally {
      await Promise.all([caller.close(), callee.close()]);
    }
  });

  it('(c) a phone calling out: the trunk sees PAI from the authenticated user and none of the forged headers', async () => {
    const [caller, fakeTrunk] = await Promise.all([phone(stack(), PSTN_USER), trunk()]);
    try {
      const answered = caller.request('INVITE', `sip:2125550199@${DOMAIN}`, { headers: FORGED });
      const invite = await fakeTrunk.next(isInvite);
      assertNoForgery(invite, PSTN_USER);
      fakeTrunk.send(buildResponse(invite, 486, 'Busy Here', { toTag: randomToken(4) }));
      assert.equal((await answered).final.status, 486);
    } finally {
      await Promise.all([caller.close(), fakeTrunk.close()]);
    }
  });

  it('a trusted trunk\'s PAI, X-Queue, X-DID and network headers reach the phone unchanged; the phone\'s answer cannot assert an identity back', async () => {
    const [agent, carrier] = await Promise.all([phone(stack(), '1003'), trustedCaller()]);
    try {
      const fromTrunk = ['P-Asserted-Identity: "Jane Caller" <sip:2125550123@ringside.test>', 'X-Queue: Support', 'X-DID: 2125550100', 'X-Campaign: spring'];
      const call = await trunkCallsPhone(carrier, agent, fromTrunk, FORGED);
      assert.equal(headerValue(call.invite, 'p-asserted-identity'), '"Jane Caller" <sip:2125550123@ringside.test>');
      assert.equal(headerValue(call.invite, 'x-queue'), 'Support');
      assert.equal(headerValue(call.invite, 'x-did'), '2125550100');
      assert.equal(headerValue(call.invite, 'x-campaign'), 'spring');
      for (const name of ['p-asserted-identity', ...NETWORK_HEADERS]) assert.deepEqual(headerValues(call.answer, name), [], `${name} in the phone's 200 OK`);
      await inDialog(carrier, call.trunk, 'BYE', agent.peer);
    } finally {
      await Promise.all([agent.close(), carrier.close()]);
    }
  });
});
