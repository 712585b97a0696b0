import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pause } from '../wire/peer.js';
import { ackFor } from '../wire/phone.js';
import { buildRequest, randomToken } from '../wire/sip.js';
import { HOLD_SDP, inDialog, kamailioRoute, phoneCallsPhone, trunkCallsPhone } from './calls.js';
import { anonymousWs, DOMAIN, isInvite, isRequest, phone, PORTS, PSTN_USER, SETTLE_MS, stranger, trunk, TRUNK_PORT, trustedCaller, useStack } from './fixture.js';

/**
 * Toll fraud through in-dialog requests: a made-up To tag and a Route to Kamailio used to be
 * relayed to the trunk with no authentication. In-dialog requests must belong to a dialog
 * Kamailio created, and go only where that dialog's parties are.
 */
describe('Kamailio relays in-dialog requests only inside its own dialogs', () => {
  const { stack } = useStack();

  /** An INVITE that claims to be inside a dialog that never existed. */
  const forgedInDialogInvite = (via: string, uri: string, route: string) =>
    buildRequest({
      method: 'INVITE',
      uri,
      via,
      from: `sip:attacker@${DOMAIN}`,
      fromTag: randomToken(4),
      to: `sip:2125550199@${DOMAIN}`,
      toTag: randomToken(4),
      callId: `${randomToken()}@attacker.invalid`,
      cseq: 1,
      contact: 'sip:attacker@198.51.100.66',
      headers: [`Route: ${route}`, 'P-Asserted-Identity: <sip:+12125550100@carrier.example>'],
    });

  it('(a) a WebSocket client with no credentials: INVITE with a made-up To tag and a Route to Kamailio gets 481 and never reaches the trunk', async () => {
    const [attacker, fakeTrunk] = await Promise.all([anonymousWs(stack()), trunk()]);
    try {
      const uris = [`sip:2125550199@${DOMAIN}`, `sip:2125550199@127.0.0.1:${TRUNK_PORT}`];
      const routes = [kamailioRoute, `<sip:127.0.0.1:${PORTS.ws};transport=ws;lr>`, `<sip:127.0.0.1:${PORTS.sip};lr;did=abc.1>`];
      for (const uri of uris) {
        for (const route of routes) {
          const mark = attacker.received.length;
          attacker.send(forgedInDialogInvite(attacker.via, uri, route));
          const answer = await attacker.next((m) => m.status !== null && m.status >= 200, 3000, mark);
          assert.equal(answer.status, 481, `${uri} via ${route}: ${answer.raw.split('\r\n')[0]}`);
          attacker.send(ackFor(answer, uri, attacker.via));
        }
      }
      await pause(SETTLE_MS);
      assert.deepEqual(fakeTrunk.seen().map((m) => m.raw), []);
    } finally {
      await Promise.all([attacker.close(), fakeTrunk.close()]);
    }
  });

  it('(b) UDP from an untrusted port of a trusted host: in-dialog and initial INVITEs get 403 and never reach the trunk', async () => {
    const [attacker, fakeTrunk] = await Promise.all([stranger(), trunk()]);
    try {
      const uri = `sip:2125550199@127.0.0.1:${TRUNK_PORT}`;
      attacker.send(forgedInDialogInvite(attacker.via, uri, kamailioRoute));
      const inDialogAnswer = await attacker.next((m) => m.status !== null && m.status >= 200);
      assert.equal(inDialogAnswer.status, 403);

      const mark = attacker.received.length;
      attacker.send(
        buildRequest({ method: 'INVITE', uri: `sip:2125550199@${DOMAIN}`, via: attacker.via, from: `sip:trunk@${DOMAIN}`, fromTag: randomToken(4), to: `sip:2125550199@${DOMAIN}`, callId: `${randomToken()}@attacker.invalid`, cseq: 1, contact: `sip:a@${attacker.contactHost}` }),
      );
      const initialAnswer = await attacker.next((m) => m.status !== null && m.status >= 200, 3000, mark);
      assert.equal(initialAnswer.status, 403);
      await pause(SETTLE_MS);
      assert.deepEqual(fakeTrunk.seen().map((m) => m.raw), []);
    } finally {
      await Promise.all([attacker.close(), fakeTrunk.close()]);
    }
  });

  it('a genuine phone-to-phone call: re-INVITEs (hold) both ways and the BYE are relayed; after the BYE its dialog is gone (481)', async () => {
    const [alice, bob] = await Promise.all([phone(stack(), '1002'), phone(stack(), '1003')]);
    try {
      const call = await phoneCallsPhone(alice, bob);
      const holdByCaller = await inDialog(alice.peer, call.caller, 'INVITE', bob.peer, { body: HOLD_SDP });
      assert.equal(holdByCaller.final.status, 200);
      assert.match(holdByCaller.received?.body ?? '', /a=sendonly/);
      const holdByCallee = await inDialog(bob.peer, call.callee, 'INVITE', alice.peer, { body: HOLD_SDP });
      assert.equal(holdByCallee.final.status, 200);
      assert.ok(holdByCallee.received, 'the callee\'s re-INVITE reached the caller');

      const bye = await inDialog(alice.peer, call.caller, 'BYE', bob.peer);
      assert.equal(bye.final.status, 200);
      assert.ok(bye.received, 'the BYE reached the callee');

      const invitesBefore = bob.peer.seen(isInvite).length;
      const afterBye = await inDialog(alice.peer, call.caller, 'INVITE', null, { body: HOLD_SDP });
      assert.equal(afterBye.final.status, 481);
      await pause(SETTLE_MS);
      assert.equal(bob.peer.seen(isInvite).length, invitesBefore);
    } finally {
      await Promise.all([alice.close(), bob.close()]);
    }
  });

  it('a trusted trunk calls a phone: the phone\'s re-INVITE and BYE reach the trunk', async () => {
    const [agent, carrier] = await Promise.all([phone(stack(), '1003'), trustedCaller()]);
    try {
      const call = await trunkCallsPhone(carrier, agent);
      const hold = await inDialog(agent.peer, call.phone, 'INVITE', carrier);
      assert.equal(hold.final.status, 200);
      const bye = await inDialog(agent.peer, call.phone, 'BYE', carrier);
      assert.equal(bye.final.status, 200);
      assert.ok(bye.received, 'the BYE reached the trunk');
    } finally {
      await Promise.all([agent.close(), carrier.close()]);
    }
  });

  it('a party of a phone-to-phone call cannot steer an in-dialog INVITE to the trunk (403, the trunk receives nothing)', async () => {
    const [alice, bob, fakeTrunk] = await Promise.all([phone(stack(), '1002'), phone(stack(), '1003'), trunk()]);
    try {
      const call = await phoneCallsPhone(alice, bob);
      for (const uri of [`sip:2125550199@127.0.0.1:${TRUNK_PORT}`, `sip:2125550199@x.invalid;alias=127.0.0.1~${TRUNK_PORT}~1`]) {
        const steered = await inDialog(alice.peer, call.caller, 'INVITE', null, { uri, body: HOLD_SDP });
        assert.equal(steered.final.status, 403, uri);
      }
      await pause(SETTLE_MS);
      assert.deepEqual(fakeTrunk.seen().map((m) => m.raw), []);
      await inDialog(alice.peer, call.caller, 'BYE', bob.peer);
    } finally {
      await Promise.all([alice.close(), bob.close(), fakeTrunk.close()]);
    }
  });

  it('in a trunk call, a REFER to a PSTN number is relayed only for a PSTN user (403 otherwise; the trunk never sees it)', async () => {
    const [agent, allowed, carrier] = await Promise.all([phone(stack(), '1003'), phone(stack(), PSTN_USER), trustedCaller()]);
    try {
      const refused = await trunkCallsPhone(carrier, agent);
      const referTo = [`Refer-To: <sip:+442071234567@${DOMAIN}>`, `Referred-By: <sip:1003@${DOMAIN}>`];
      const denied = await inDialog(agent.peer, refused.phone, 'REFER', null, { headers: referTo });
      assert.equal(denied.final.status, 403);
      await pause(SETTLE_MS);
      assert.deepEqual(carrier.seen(isRequest('REFER')), []);
      await inDialog(agent.peer, refused.phone, 'BYE', carrier);

      const permitted = await trunkCallsPhone(carrier, allowed);
      const relayed = await inDialog(allowed.peer, permitted.phone, 'REFER', carrier, { headers: referTo });
      assert.equal(relayed.final.status, 200);
      assert.ok(relayed.received, 'the PSTN user\'s REFER reached the trunk');
      await inDialog(allowed.peer, permitted.phone, 'BYE', carrier);
    } finally {
      await Promise.all([agent.close(), allowed.close(), carrier.close()]);
    }
  });
});
