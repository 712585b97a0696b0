import { expect } from '@open-wc/testing';
import { malformedCases } from '../support/malformed.js';
import { mountPhone, unmountAll } from '../support/phone.js';
import { RawHost } from '../support/raw-host.js';

describe('malformed actions from an allowed host', () => {
  afterEach(() => unmountAll());

  it('answers each with its coded error, ignores non-actions, and the phone still calls', async () => {
    // Arrange
    const cases = malformedCases();
    expect(cases.length).to.be.greaterThan(200);
    const host = await RawHost.open('1001');
    const customer = await mountPhone('2001');

    // Act: every payload, then a well-formed round trip to know they were all handled.
    for (const { payload } of cases) host.post(payload);
    host.post({ type: 'action', group: 'agent', name: 'queryStatus', id: 'final' });
    await host.waitFor((m) => m.id === 'final');

    // Assert: exactly one result per action case, with the expected code; none for the rest.
    const results = host.results();
    const problems: string[] = [];
    for (const { label, payload, expect: expected, idless } of cases) {
      if (idless) continue;
      const id = (payload as { id?: unknown } | null)?.id;
      const matching = typeof id === 'string' ? results.filter((r) => r.id === id) : [];
      if (expected === 'ignored') {
        if (matching.length) problems.push(`${label}: expected no result, got ${JSON.stringify(matching[0])}`);
      } else if (matching.length !== 1) {
        problems.push(`${label}: expected one result, got ${matching.length}`);
      } else if (matching[0]!.ok !== false || matching[0]!.error?.code !== expected.code) {
        problems.push(`${label}: expected ${expected.code}, got ${JSON.stringify(matching[0]!.error ?? matching[0]!.ok)}`);
      }
    }
    expect(problems).to.deep.equal([]);
    const withoutId = results.filter((r) => r.id === undefined);
    expect(withoutId.map((r) => r.error?.code)).to.deep.equal(cases.filter((c) => c.idless).map(() => 'invalid_data'));

    // And the phone still works: a real call with audio.
    host.post({ type: 'action', group: 'agent', name: 'dial', id: 'call', data: { numberToDial: '2001' } });
    expect((await host.waitFor((m) => m.id === 'call')).ok).to.equal(true);
    await customer.log.next('OnIncomingCallRinging');
    await customer.phone.answer();
    await host.waitFor((m) => m.name === 'OnOutgoingCallAnswered');
    await customer.phone.hangUp();
    await host.waitFor((m) => m.name === 'OnOutgoingCallHangup');
    host.close();
  });
});
