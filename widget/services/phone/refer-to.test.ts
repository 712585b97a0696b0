import { expect } from '@open-wc/testing';
import { parseReferTo, parseReplaces, replacesHeader, strictDecode, targetUri, type ReferTarget, type ReferToProblem } from './refer-to.js';

const DOMAIN = 'ringside.local';

describe('parseReferTo', () => {
  const accepted: [string, string, ReferTarget][] = [
    ['a bare sip URI (a blind transfer)', 'sip:1002@ringside.local', { user: '1002', replaces: null }],
    ['a name-addr', '"Bob Agent" <sip:1002@ringside.local>', { user: '1002', replaces: null }],
    ['sips, upper-case scheme and domain', '<SIPS:1002@RINGSIDE.local>', { user: '1002', replaces: null }],
    ['a # escaped in the user part', '<sip:1%23@ringside.local>', { user: '1#', replaces: null }],
    ['a + number', 'sip:+12125550100@ringside.local', { user: '+12125550100', replaces: null }],
    [
      'an attended transfer, Replaces encoded as sip.js sends it',
      '"1002" <sip:1002@ringside.local?Replaces=a8k2j3h4%40host.invalid%3Bto-tag%3Dt1x%3Bfrom-tag%3Df2y>',
      { user: '1002', replaces: { callId: 'a8k2j3h4@host.invalid', toTag: 't1x', fromTag: 'f2y', earlyOnly: false } },
    ],
    [
      'Replaces with raw separators, early-only, and the header name in any case',
      '<sip:1002@ringside.local?replaces=abc;from-tag=f;to-tag=t;early-only>',
      { user: '1002', replaces: { callId: 'abc', toTag: 't', fromTag: 'f', earlyOnly: true } },
    ],
  ];
  for (const [label, raw, target] of accepted) {
    it(`accepts ${label}`, () => expect(parseReferTo(raw, DOMAIN)).to.deep.equal({ ok: true, target }));
  }

  const refused: [string, string, ReferToProblem][] = [
    [
      'the reported attack: CR/LF escapes in Replaces that decode to P-Asserted-Identity and X-Injected',
      '<sip:1002@ringside.local?Replaces=x%0D%0AP-Asserted-Identity%3A%20%3Csip%3A1001%40ringside.local%3E%0D%0AX-Injected%3A%20pwned>',
      'headers',
    ],
    ['a raw CR/LF in the header value', '<sip:1002@ringside.local>\r\nX-Injected: pwned', 'malformed'],
    ['header folding', '<sip:1002@ringside.local\r\n ?X-Injected=pwned>', 'malformed'],
    ['a URI header other than Replaces', '<sip:1002@ringside.local?X-Injected=pwned>', 'headers'],
    ['a second header after Replaces', '<sip:1002@ringside.local?Replaces=a%3Bto-tag%3Dt%3Bfrom-tag%3Df&P-Asserted-Identity=x>', 'headers'],
    ['two Replaces', '<sip:1002@ringside.local?Replaces=a%3Bto-tag%3Dt%3Bfrom-tag%3Df&Replaces=b%3Bto-tag%3Dt%3Bfrom-tag%3Df>', 'headers'],
    ['Replaces without from-tag', '<sip:1002@ringside.local?Replaces=a%3Bto-tag%3Dt>', 'headers'],
    ['Replaces with an unknown parameter', '<sip:1002@ringside.local?Replaces=a%3Bto-tag%3Dt%3Bfrom-tag%3Df%3Bx%3D1>', 'headers'],
    ['Replaces double-encoded', '<sip:1002@ringside.local?Replaces=a%253Bto-tag%253Dt>', 'headers'],
    ['Replaces with a broken escape', '<sip:1002@ringside.local?Replaces=a%3Bto-tag%3Dt%3Bfrom-tag%3Df%ZZ>', 'headers'],
    ['Replaces with a NUL', '<sip:1002@ringside.local?Replaces=a%00%3Bto-tag%3Dt%3Bfrom-tag%3Df>', 'headers'],
    ['a tel URI', '<tel:+12125550100>', 'malformed'],
    ['an http URI', '<http://evil.example/1002>', 'malformed'],
    ['no scheme', '1002', 'malformed'],
    ['another domain', '<sip:1002@evil.example>', 'domain'],
    ['our domain with a port', '<sip:1002@ringside.local:5060>', 'domain'],
    ['a subdomain', '<sip:1002@x.ringside.local>', 'domain'],
    ['URI parameters', '<sip:1002@ringside.local;transport=tcp>', 'malformed'],
    ['parameters after the name-addr', '<sip:1002@ringside.local>;method=INVITE', 'malformed'],
    ['two values', '<sip:1002@ringside.local>, <sip:1003@ringside.local>', 'malformed'],
    ['no user part', '<sip:ringside.local>', 'user'],
    ['a password', '<sip:1002:secret@ringside.local>', 'user'],
    ['an escaped @ in the user part', '<sip:1002%40evil.example@ringside.local>', 'user'],
    ['an escaped CR/LF in the user part', '<sip:1002%0D%0AX-Injected:x@ringside.local>', 'user'],
    ['a user part too long to be a number', `<sip:${'1'.repeat(65)}@ringside.local>`, 'user'],
    ['a huge value', `<sip:1002@ringside.local?Replaces=${'a'.repeat(2000)}>`, 'malformed'],
  ];
  for (const [label, raw, problem] of refused) {
    it(`refuses ${label} (${problem})`, () => {
      const parsed = parseReferTo(raw, DOMAIN);
      expect(parsed.ok ? 'accepted' : parsed.problem).to.equal(problem);
    });
  }
});

describe('Refer-To helpers', () => {
  it('decodes strictly: a stray % or bad UTF-8 is refused, not passed on', () => {
    expect([strictDecode('a%3Bb'), strictDecode('100%'), strictDecode('%E0%A4%A')]).to.deep.equal(['a;b', null, null]);
  });

  it('reads a Replaces value and rebuilds it from its parts only', () => {
    const replaces = parseReplaces('abc@h; to-tag=t ;from-tag=f')!;
    expect(replacesHeader(replaces)).to.equal('abc@h;to-tag=t;from-tag=f');
    expect(replacesHeader({ ...replaces, earlyOnly: true })).to.equal('abc@h;to-tag=t;from-tag=f;early-only');
    expect(parseReplaces('abc;to-tag=t;from-tag=f;to-tag=u')).to.equal(null);
  });

  it('builds the dialled URI at the tenant domain, escaping #', () => {
    expect(targetUri('*72#', DOMAIN)).to.equal('sip:*72%23@ringside.local');
  });
});
