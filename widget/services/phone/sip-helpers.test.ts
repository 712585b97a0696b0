import { expect } from '@open-wc/testing';
import { ctiVariables } from './sip-helpers.js';

/** The CTI variables of an INVITE: the caller's own are capped, the network's are always kept. */
describe('ctiVariables', () => {
  const invite = (headers: string[]) => ['INVITE sip:1001@ringside.local SIP/2.0', 'Via: SIP/2.0/WSS x;branch=z9hG4bK1', ...headers, '', ''].join('\r\n');

  it("keeps the network's X-Queue-Wait and X-Contact-Id however many X- headers the caller sent first", () => {
    const junk = Array.from({ length: 60 }, (_, i) => `X-Junk${i}: ${i}`);
    const variables = ctiVariables(invite([...junk, 'X-Queue-Wait: 12', 'X-Contact-Id: k-1', 'X-Queue: Support']))!;

    expect(Object.keys(variables).filter((name) => name.startsWith('Junk'))).to.have.length(50);
    expect(variables['Queue-Wait']).to.equal('12');
    expect(variables['Contact-Id']).to.equal('k-1');
    expect(variables).to.not.have.property('Queue');
  });

  it('gives nothing for a message without X- headers', () => {
    expect(ctiVariables(invite(['From: <sip:2001@ringside.local>']))).to.equal(undefined);
  });
});
