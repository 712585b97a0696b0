import { expect } from '@open-wc/testing';
import { callerIdentity, type SipIdentity } from './caller-identity.js';

describe('callerIdentity', () => {
  const from: SipIdentity = { user: '2001', displayName: 'Your Bank' };
  const cases: [string, SipIdentity | undefined, SipIdentity, ReturnType<typeof callerIdentity>][] = [
    ['only From: claimed, as the caller wrote it', undefined, from, { remoteNumber: '2001', remoteName: 'Your Bank', identity: 'claimed' }],
    [
      'P-Asserted-Identity with a name: asserted, From ignored',
      { user: '2001', displayName: 'Customer Phone' },
      from,
      { remoteNumber: '2001', remoteName: 'Customer Phone', identity: 'asserted' },
    ],
    [
      'P-Asserted-Identity without a name: asserted number, and no borrowed From name',
      { user: '+12125550100', displayName: '' },
      from,
      { remoteNumber: '+12125550100', remoteName: '', identity: 'asserted' },
    ],
    ['P-Asserted-Identity with no user (a tel URI we could not read): claimed', { user: '', displayName: 'Bank' }, from, { remoteNumber: '2001', remoteName: 'Your Bank', identity: 'claimed' }],
    ['an empty From: claimed and empty', undefined, { user: '', displayName: '' }, { remoteNumber: '', remoteName: '', identity: 'claimed' }],
    ['a very long claimed name is clipped', undefined, { user: '2001', displayName: 'x'.repeat(300) }, { remoteNumber: '2001', remoteName: 'x'.repeat(128), identity: 'claimed' }],
  ];
  for (const [label, asserted, sent, expected] of cases) it(label, () => expect(callerIdentity(asserted, sent)).to.deep.equal(expected));
});
