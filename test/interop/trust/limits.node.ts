import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pause, SipPeer } from '../wire/peer.js';
import { buildRequest, buildResponse, randomToken, type SipMessage } from '../wire/sip.js';
import { anonymousWs, DOMAIN, isInvite, ORIGIN, phone, PORTS, stranger, trustedCaller, useStack } from './fixture.js';

/**
 * Flood protection and the message size limit, with the deployer's knobs turned low so a
 * burst of a few dozen requests trips them: at most FLOOD_LIMIT REGISTER/INVITE per source IP
 * and FLOOD_WINDOW; a ban of FLOOD_BAN_TIME (longer than a window, so the ban's end starts a
 * fresh count).
 */
const FLOOD = { limit: 10, windowSeconds: 2, banSeconds: 3 };
const MAX_BYTES = 4096;

describe('flood protection and the maximum message size', () => {
  const { stack } = useStack({ flood: FLOOD, maxMessageBytes: MAX_BYTES });

  const options = (peer: SipPeer, padding = 0): { text: string; callId: string } => {
    const callId = `${randomToken()}@limits.invalid`;
    const text = buildRequest({
      method: 'OPTIONS',
      uri: `sip:127.0.0.1:${PORTS.sip}`,
      via: peer.via,
      from: `sip:probe@${DOMAIN}`,
      fromTag: randomToken(4),
      to: `sip:127.0.0.1:${PORTS.sip}`,
      callId,
      cseq: 1,
      headers: padding ? [`X-Padding: ${'a'.repeat(padding)}`] : [],
    });
    return { text, callId };
  };

  const register = (peer: SipPeer): { text: string; callId: string } => {
    const callId = `${randomToken()}@flood.invalid`;
    const aor = `sip:1002@${DOMAIN}`;
    const text = buildRequest({ method: 'REGISTER', uri: `sip:${DOMAIN}`, via: peer.via, from: aor, fromTag: randomToken(4), to: aor, callId, cseq: 1, contact: `sip:1002@${peer.contactHost};transport=ws` });
    return { text, callId };
  };

  /** Sends and resolves with the final response, or null if none came within `ms`. */
  const answer = async (peer: SipPeer, request: { text: string; callId: string }, ms = 1000): Promise<SipMessage | null> => {
    peer.send(request.text);
    return peer.final(request.callId, 1, ms).catch(() => null);
  };

  it('(f) an oversize message gets 513 over UDP and over WebSocket; Kamailio still answers normal traffic', async () => {
    const [udp, ws] = await Promise.all([stranger(), anonymousWs(stack())]);
    try {
      for (const peer of [udp, ws]) {
        const tooBig = await answer(peer, options(peer, MAX_BYTES));
        assert.equal(tooBig?.status, 513, `${peer.transport}: ${tooBig?.raw.split('\r\n')[0]}`);
        const normal = await answer(peer, options(peer));
        assert.equal(normal?.status, 200, `${peer.transport} after the oversize message`);
      }
      const agent = await phone(stack(), '1003');
      await agent.close();
    } finally {
      await Promise.all([udp.close(), ws.close()]);
    }
  });

  it('(f) a WebSocket message beyond the TCP read buffer closes that connection only; new phones still register', async () => {
    const ws = await anonymousWs(stack());
    try {
      const huge = options(ws, 40_000);
      assert.equal(await answer(ws, huge, 1000), null);
      const again = await anonymousWs(stack());
      assert.equal((await answer(again, options(again)))?.status, 200);
      await again.close();
      const agent = await phone(stack(), '1003');
      await agent.close();
    } finally {
      await ws.close();
    }
  });

  it('(e) a REGISTER flood over WebSocket bans the source IP: requests and handshakes go unanswered until the ban ends', async () => {
    const ws = await anonymousWs(stack());
    try {
      const burst = Array.from({ length: 5 * FLOOD.limit }, () => register(ws));
      for (const request of burst) ws.send(request.text);
      await pause(500);
      const answered = burst.filter((r) => ws.seen((m) => m.status !== null && m.raw.includes(r.callId)).length > 0).length;
      // Every window lets at most `limit` through (earlier requests of this IP in the window
      // count too); a burst can straddle two windows.
      assert.ok(answered > 0 && answered <= 2 * FLOOD.limit, `${answered} of ${burst.length} answered`);

      assert.equal(await answer(ws, register(ws), 500), null, 'a REGISTER during the ban is dropped');
      await assert.rejects(SipPeer.ws(stack().wsUrl, ORIGIN), /403/, 'a new WebSocket during the ban is refused');
      const probe = await stranger();
      assert.equal(await answer(probe, options(probe), 500), null, 'even keep-alive OPTIONS go unanswered');
      await probe.close();

      await pause(FLOOD.banSeconds * 1000);
      const after = await SipPeer.ws(stack().wsUrl, ORIGIN);
      assert.equal((await answer(after, register(after)))?.status, 401, 'served again once the ban ended');
      await after.close();
    } finally {
      await ws.close();
    }
  });

  it('(e) an INVITE flood over UDP bans the source IP; a trusted trunk is still served during the ban', async () => {
    const [attacker, agent, carrier] = await Promise.all([stranger(), phone(stack(), '1003'), trustedCaller()]);
    try {
      const invite = () => {
        const callId = `${randomToken()}@flood.invalid`;
        const text = buildRequest({ method: 'INVITE', uri: `sip:1003@${DOMAIN}`, via: attacker.via, from: `sip:x@${DOMAIN}`, fromTag: randomToken(4), to: `sip:1003@${DOMAIN}`, callId, cseq: 1, contact: `sip:x@${attacker.contactHost}` });
        return { text, callId };
      };
      const burst = Array.from({ length: 5 * FLOOD.limit }, invite);
      for (const request of burst) attacker.send(request.text);
      await pause(500);
      const answered = burst.filter((r) => attacker.seen((m) => m.status !== null && m.status >= 200 && m.raw.includes(r.callId)).length > 0).length;
      // The phone's own REGISTERs (same IP) may have used part of this window's allowance.
      assert.ok(answered > 0 && answered <= 2 * FLOOD.limit, `${answered} of ${burst.length} answered`);
      assert.equal(await answer(attacker, invite(), 500), null, 'an INVITE during the ban is dropped');
      assert.equal(agent.peer.seen(isInvite).length, 0, 'no flood INVITE reached the phone');

      // The trunk is a trusted peer on the same IP: never limited.
      const callId = `${randomToken()}@trunk.invalid`;
      carrier.send(buildRequest({ method: 'INVITE', uri: `sip:1003@${DOMAIN}`, via: carrier.via, from: `sip:15550001111@${DOMAIN}`, fromTag: randomToken(4), to: `sip:1003@${DOMAIN}`, callId, cseq: 1, contact: `sip:trunk@${carrier.contactHost}` }));
      const ringing = await agent.peer.next(isInvite);
      agent.peer.send(buildResponse(ringing, 486, 'Busy Here', { toTag: randomToken(4) }));
      assert.equal((await carrier.final(callId, 1)).status, 486);
    } finally {
      await Promise.all([attacker.close(), agent.close(), carrier.close()]);
    }
  });
});
