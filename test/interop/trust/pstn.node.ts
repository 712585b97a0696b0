import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pause } from '../wire/peer.js';
import { ackFor } from '../wire/phone.js';
import { buildResponse, randomToken } from '../wire/sip.js';
import { DOMAIN, isInvite, kamcmd, phone, PSTN_USER, SETTLE_MS, trunk, useStack } from './fixture.js';

/** Numbers of six or more digits go to the trunk, and only for users on the PSTN list. */
describe('trunk calls only for PSTN-allowed users', () => {
  const { stack } = useStack();

  it('(d) a user not on the PSTN list dialling a trunk number gets 403; the trunk never sees an INVITE', async () => {
    const [caller, fakeTrunk] = await Promise.all([phone(stack(), '1002'), trunk()]);
    try {
      for (const number of ['2125550199', '+442071234567', '900123']) {
        const uri = `sip:${number}@${DOMAIN}`;
        const { final } = await caller.request('INVITE', uri);
        assert.equal(final.status, 403, number);
        assert.match(final.raw, /^SIP\/2\.0 403 PSTN Calls Not Allowed/);
        caller.peer.send(ackFor(final, uri, caller.peer.via));
      }
      await pause(SETTLE_MS);
      assert.deepEqual(fakeTrunk.seen().map((m) => m.raw), []);
    } finally {
      await Promise.all([caller.close(), fakeTrunk.close()]);
    }
  });

  it('a PSTN user reaches the trunk; a user added to the list (file + kamcmd htable.reload pstn) does too', async () => {
    const [allowed, later, fakeTrunk] = await Promise.all([phone(stack(), PSTN_USER), phone(stack(), '1003'), trunk()]);
    try {
      const call = async (user: typeof allowed) => {
        const mark = fakeTrunk.received.length;
        const answered = user.request('INVITE', `sip:2125550199@${DOMAIN}`);
        const invite = await fakeTrunk.next(isInvite, 3000, mark);
        fakeTrunk.send(buildResponse(invite, 486, 'Busy Here', { toTag: randomToken(4) }));
        return (await answered).final.status;
      };
      assert.equal(await call(allowed), 486);
      assert.equal((await later.request('INVITE', `sip:2125550199@${DOMAIN}`)).final.status, 403);

      // What the session API will do to manage the list: rewrite the table, reload it. db_text
      // sees a change by the file's modification time in whole seconds: step past the second
      // in which Kamailio loaded it.
      await pause(1100);
      writeFileSync(join(stack().dir, 'pstn', 'pstn_users'), `user(str) allowed(int)\n${PSTN_USER}:1\n1003:1\n`);
      kamcmd(stack(), 'htable.reload', 'pstn');
      assert.equal(await call(later), 486);
    } finally {
      await Promise.all([allowed.close(), later.close(), fakeTrunk.close()]);
    }
  });
});
