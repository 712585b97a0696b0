import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { kamcmd, useStack } from './fixture.js';

/**
 * `kamailio -c` does not open the trusted-peers file or the PSTN table, so load the shipped
 * examples in a running Kamailio and check it read what their comments promise.
 */
const example = (name: string) => readFileSync(fileURLToPath(new URL(`../../../deploy/kamailio/${name}`, import.meta.url)), 'utf8');

describe('the shipped example trust files', () => {
  const { stack } = useStack({ files: { trustedPeers: example('trusted-peers.list.example'), pstnUsers: example('pstn_users.example') } });

  it('trusted-peers.list.example and pstn_users.example load as documented', () => {
    const peers = kamcmd(stack(), 'permissions.addressDump');
    assert.match(peers, /ip: 198\.51\.100\.5\s+port: 5060/, peers);
    assert.match(peers, /ip: 198\.51\.100\.20\s+port: 0/, peers);
    const users = kamcmd(stack(), 'htable.dump', 'pstn');
    assert.match(users, /name: 1001\s+value: 1/, users);
  });
});
