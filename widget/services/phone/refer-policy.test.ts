import { expect } from '@open-wc/testing';
import type { TransferRefusal } from '../../../src/protocol/index.js';
import { decideRefer } from './refer-decision.js';
import { referRulesFrom, type ReferPolicy } from './refer-policy.js';

const DOMAIN = 'ringside.local';
const tenant = (referPolicy: unknown, internalExtensionPattern: unknown = '^[0-9]{2,5}$') => ({ allowedOrigins: [], referPolicy, internalExtensionPattern });

describe('referRulesFrom (the session tenant, read defensively)', () => {
  const cases: [string, object, ReferPolicy][] = [
    ['internal with the default pattern', tenant('internal'), 'internal'],
    ['ask', tenant('ask'), 'ask'],
    ['never', tenant('never'), 'never'],
    ['an older session API without the fields', { allowedOrigins: [] }, 'never'],
    ['an unknown policy', tenant('always'), 'never'],
    ['a policy of the wrong type', tenant(['internal']), 'never'],
    ['internal with a pattern that does not compile', tenant('internal', '^[0-9'), 'never'],
    ['internal with no pattern', { allowedOrigins: [], referPolicy: 'internal' }, 'never'],
    ['internal with an empty pattern', tenant('internal', ''), 'never'],
    ['internal with a pattern that is not a string', tenant('internal', 42), 'never'],
  ];
  for (const [label, value, policy] of cases) {
    it(`${label} → ${policy}`, () => expect(referRulesFrom(value, DOMAIN).policy).to.equal(policy));
  }

  it('anchors the pattern so it must match the whole user part', () => {
    const rules = referRulesFrom(tenant('internal', '[0-9]{2,5}'), DOMAIN);
    expect([rules.internal!.test('1002'), rules.internal!.test('18005550100')]).to.deep.equal([true, false]);
  });
});

describe('decideRefer', () => {
  const blind = 'sip:1002@ringside.local';
  const attended = '<sip:1002@ringside.local?Replaces=abc%3Bto-tag%3Dt%3Bfrom-tag%3Df>';
  const cases: [string, ReferPolicy, string[], 'follow' | 'ask' | TransferRefusal][] = [
    ['never refuses even a plain internal transfer', 'never', [blind], 'policy'],
    ['internal follows an internal extension', 'internal', [blind], 'follow'],
    ['internal follows an attended transfer to an internal extension', 'internal', [attended], 'follow'],
    ['internal refuses a trunk-like number', 'internal', ['sip:18005550100@ringside.local'], 'target'],
    ['internal refuses a name', 'internal', ['sip:alice@ringside.local'], 'target'],
    ['internal refuses another domain', 'internal', ['sip:1002@evil.example'], 'domain'],
    ['internal refuses injected headers', 'internal', ['<sip:1002@ringside.local?X-Injected=pwned>'], 'headers'],
    ['internal refuses no Refer-To', 'internal', [], 'malformed'],
    ['internal refuses two Refer-To headers', 'internal', [blind, blind], 'malformed'],
    ['ask asks for an internal extension', 'ask', [blind], 'ask'],
    ['ask asks for a trunk number too (the agent decides)', 'ask', ['sip:+18005550100@ringside.local'], 'ask'],
    ['ask still refuses another domain', 'ask', ['sip:1002@evil.example'], 'domain'],
    ['ask still refuses a tel URI', 'ask', ['<tel:+18005550100>'], 'malformed'],
  ];
  for (const [label, policy, referTo, expected] of cases) {
    it(label, () => {
      const decision = decideRefer(referTo, referRulesFrom(tenant(policy), DOMAIN), new Set());
      expect(decision.action === 'refuse' ? decision.refusal : decision.action).to.equal(expected);
    });
  }

  it('refuses a Replaces that names one of the phone\'s own calls, either way round', () => {
    const rules = referRulesFrom(tenant('internal'), DOMAIN);
    for (const own of ['abc;t;f', 'abc;f;t']) {
      const decision = decideRefer([attended], rules, new Set([own]));
      expect(decision.action === 'refuse' && decision.refusal).to.equal('headers');
    }
  });

  it('reports the target it read, for the agent and the host, even when only the headers were wrong', () => {
    const rules = referRulesFrom(tenant('internal'), DOMAIN);
    const users = ['sip:18005550100@ringside.local', '<sip:1002@ringside.local?X-Injected=pwned>', '<sip:1002@evil.example>'].map((referTo) => {
      const decision = decideRefer([referTo], rules, new Set());
      return decision.action === 'refuse' && decision.user;
    });
    expect(users).to.deep.equal(['18005550100', '1002', '']);
  });
});
