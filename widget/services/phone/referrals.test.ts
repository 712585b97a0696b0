import { expect, waitUntil } from '@open-wc/testing';
import type { CallInfo, TransferRequest } from '../../../src/protocol/index.js';
import { createLogger } from '../logger.js';
import { referRulesFrom, type ReferPolicy } from './refer-policy.js';
import type { ReferTarget } from './refer-to.js';
import { IncomingReferrals, type IncomingRefer } from './referrals.js';

/** A REFER as the phone sees it: its Refer-To values, and the answer it got. */
class FakeRefer implements IncomingRefer {
  answer: { statusCode: number; reasonPhrase?: string } | null = null;
  readonly request: IncomingRefer['request'];
  constructor(...referTo: string[]) {
    this.request = { getHeaders: (name: string) => (name.toLowerCase() === 'refer-to' ? referTo : []) };
  }
  accept(): Promise<void> {
    this.answer = { statusCode: 202 };
    return Promise.resolve();
  }
  reject(options?: { statusCode?: number; reasonPhrase?: string }): Promise<void> {
    this.answer = { statusCode: options?.statusCode ?? 0, ...(options?.reasonPhrase ? { reasonPhrase: options.reasonPhrase } : {}) };
    return Promise.resolve();
  }
}

const call: CallInfo = {
  callId: 'c1',
  direction: 'inbound',
  remoteNumber: '2002',
  remoteName: 'Second Customer',
  identity: 'asserted',
  state: 'active',
  muted: false,
  held: false,
  startedAt: '2026-11-29T00:00:00.000Z',
  answeredAt: '2026-11-29T00:00:01.000Z',
  endedAt: null,
  duration: 0,
};

function setup(policy: ReferPolicy, timeoutMs = 50) {
  const changes: TransferRequest[] = [];
  const followed: ReferTarget[] = [];
  const referrals = new IncomingReferrals(
    {
      rules: () => referRulesFrom({ referPolicy: policy, internalExtensionPattern: '^[0-9]{2,5}$' }, 'ringside.local'),
      ownDialogs: () => new Set(),
      follow: (_request, target) => followed.push(target),
      changed: (request) => changes.push(request),
    },
    createLogger('test', () => undefined),
    timeoutMs,
  );
  return { referrals, changes, followed };
}

describe('IncomingReferrals', () => {
  it('follows an allowed request: 202, then the new call from the validated target', () => {
    const { referrals, changes, followed } = setup('internal');
    const refer = new FakeRefer('<sip:1002@ringside.local>');

    referrals.received(call, refer);

    expect(refer.answer).to.deep.equal({ statusCode: 202 });
    expect(followed).to.deep.equal([{ user: '1002', replaces: null }]);
    expect(changes.map((c) => [c.state, c.target, c.fromNumber])).to.deep.equal([['accepted', '1002', '2002']]);
  });

  it('refuses by policy with 403 and a coded error, and calls no one', () => {
    const { referrals, changes, followed } = setup('never');
    const refer = new FakeRefer('<sip:1002@ringside.local>');

    referrals.received(call, refer);

    expect(refer.answer).to.deep.equal({ statusCode: 403, reasonPhrase: 'Forbidden' });
    expect(followed).to.deep.equal([]);
    expect(changes[0]).to.include({ state: 'refused', refusal: 'policy' });
    expect(changes[0]!.error!.code).to.equal('transfer_refused');
  });

  it('refuses a request in a call that is not up', () => {
    const { referrals, changes } = setup('internal');
    const refer = new FakeRefer('<sip:1002@ringside.local>');

    referrals.received({ ...call, state: 'ringing' }, refer);

    expect([refer.answer?.statusCode, changes[0]?.refusal]).to.deep.equal([403, 'ended']);
  });

  it('asks the agent, and declines with 603 when the agent says no', async () => {
    const { referrals, changes, followed } = setup('ask', 10_000);
    const refer = new FakeRefer('<sip:+18005550100@ringside.local>');

    referrals.received(call, refer);
    const [asking] = referrals.waiting;
    expect([asking?.state, asking?.target, refer.answer]).to.deep.equal(['asking', '+18005550100', null]);
    referrals.answer(asking!.requestId, false);

    expect(refer.answer).to.deep.equal({ statusCode: 603, reasonPhrase: 'Decline' });
    expect(followed).to.deep.equal([]);
    expect(changes.map((c) => c.refusal ?? c.state)).to.deep.equal(['asking', 'declined']);
    expect(referrals.waiting).to.deep.equal([]);
    expect(() => referrals.answer(asking!.requestId, true)).to.throw(/no transfer request/);
  });

  it('asks the agent, and follows when the agent accepts', () => {
    const { referrals, followed } = setup('ask', 10_000);
    const refer = new FakeRefer('<sip:1002@ringside.local>');

    referrals.received(call, refer);
    const accepted = referrals.answer(referrals.waiting[0]!.requestId, true);

    expect([refer.answer?.statusCode, accepted.state, accepted.expiresAt]).to.deep.equal([202, 'accepted', undefined]);
    expect(followed).to.deep.equal([{ user: '1002', replaces: null }]);
  });

  it('declines with 603 when the agent does not answer in time', async () => {
    const { referrals, changes } = setup('ask', 50);
    const refer = new FakeRefer('<sip:1002@ringside.local>');

    referrals.received(call, refer);
    await waitUntil(() => refer.answer !== null, 'the request was never answered', { timeout: 2000 });

    expect(refer.answer!.statusCode).to.equal(603);
    expect(changes.at(-1)!.refusal).to.equal('timeout');
  });

  it('refuses a second request while one waits, and declines the waiting one when its call ends', () => {
    const { referrals, changes } = setup('ask', 10_000);
    const first = new FakeRefer('<sip:1002@ringside.local>');
    const second = new FakeRefer('<sip:1003@ringside.local>');

    referrals.received(call, first);
    referrals.received(call, second);
    referrals.callEnded('c1');

    expect([first.answer?.statusCode, second.answer?.statusCode]).to.deep.equal([603, 403]);
    expect(changes.map((c) => c.refusal ?? c.state)).to.deep.equal(['asking', 'pending', 'ended']);
  });
});
