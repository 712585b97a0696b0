import { expect } from '@open-wc/testing';
import { Md5 as SipMd5 } from 'sip.js/lib/core/messages/md5.js';
import { md5Hex } from './md5.js';

/**
 * The phone's MD5 against RFC 1321's test suite and against the MD5 that sip.js bundles, on
 * every length around the 64-byte block boundaries and on text that is not ASCII; and proof
 * that sip.js's digest code is given it in these tests, as in the build.
 */
describe('md5', () => {
  it("gives RFC 1321's test suite digests", () => {
    const suite: [string, string][] = [
      ['', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['a', '0cc175b9c0f1b6a831c399e269772661'],
      ['abc', '900150983cd24fb0d6963f7d28e17f72'],
      ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
      ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
      ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
      ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
    ];
    for (const [text, digest] of suite) expect(md5Hex(text), JSON.stringify(text)).to.equal(digest);
  });

  it("agrees with sip.js's own MD5 on every length up to 300 and on non-ASCII text", () => {
    const texts: string[] = [];
    for (let length = 0; length <= 300; length += 1) texts.push(Array.from({ length }, (_, i) => String.fromCharCode(33 + ((i * 7 + length) % 90))).join(''));
    texts.push('agent:ringside.local:pässwörd', 'çağrı:İstanbul:şifre', '用户:域:密码', 'emoji 📞 in a password', 'x'.repeat(1000));
    for (const text of texts) expect(md5Hex(text), JSON.stringify(text)).to.equal(SipMd5.hashStr(text) as string);
  });

  it("is the MD5 sip.js's digest authentication imports in these tests", async () => {
    const served = await (await fetch('/node_modules/sip.js/lib/core/messages/digest-authentication.js')).text();
    expect(served).to.match(/from\s*["']\/widget\/services\/phone\/sip-trim\/md5\.ts["']/);
  });
});
