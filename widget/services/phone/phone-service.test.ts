import { expect, waitUntil } from '@open-wc/testing';
import type { RegistrationStateName } from '../../../src/protocol/index.js';
import { createLogger } from '../logger.js';
import type { PhoneChange, SipConfig } from '../phone-types.js';
import { SipPhoneService } from './phone-service.js';

/**
 * The phone service's registration against the real dev PBX of the test server: every state
 * has a way out. These are the defects a careful reader found: after a refused REGISTER a
 * dropped socket never reconnected, a renewal after `failed` threw, and a phone whose first
 * connection failed stayed failed for good.
 */
async function sipConfig(user: string): Promise<SipConfig> {
  const minted = await fetch('/api/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer test-api-key' },
    body: JSON.stringify({ userId: user }),
  });
  const { token } = (await minted.json()) as { token: string };
  const response = await fetch('/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  const session = (await response.json()) as { agent: { extension: string; displayName: string }; sip: { wsUrl: string; domain: string; username: string; password: string } };
  return { wsUrl: session.sip.wsUrl, domain: session.sip.domain, user: session.agent.extension, displayName: session.agent.displayName, username: session.sip.username, password: session.sip.password };
}

const pbx = (action: 'stop' | 'start') => fetch(`/test-only/pbx?action=${action}`).then((r) => r.json());
const attempts = async (user: string) => ((await (await fetch(`/test-only/register-attempts?user=${user}`)).json()) as { attempts: number }).attempts;

function phoneWithLog(): { phone: SipPhoneService; states: RegistrationStateName[] } {
  const phone = new SipPhoneService(createLogger('phone', () => undefined));
  const states: RegistrationStateName[] = [];
  phone.subscribe((change: PhoneChange) => change.kind === 'registration' && states.push(change.state));
  return { phone, states };
}

describe('phone registration recovers', () => {
  let phone: SipPhoneService | null = null;
  afterEach(async () => {
    await pbx('start').catch(() => undefined);
    await phone?.disconnect();
    phone = null;
  });

  it('after a refused REGISTER and a dropped socket: it reconnects, and a renewal registers it', async () => {
    const good = await sipConfig('1003');
    const made = phoneWithLog();
    phone = made.phone;
    await phone.connect({ ...good, password: 'not-the-password' });
    await waitUntil(() => made.states.includes('failed'), 'a wrong password was never refused', { timeout: 10000 });

    const before = await attempts('1003');
    await pbx('stop');
    await waitUntil(() => made.states.at(-1) === 'reconnecting', 'the dropped socket was never noticed', { timeout: 10000 });
    await pbx('start');
    await waitUntil(async () => (await attempts('1003')) > before, 'it never tried to register again', { timeout: 15000 });

    await phone.connect(good);
    await waitUntil(() => phone?.registration === 'registered', 'the renewal never registered', { timeout: 10000 });
  });

  it('when the SIP server is down at start: it reports the failure, keeps trying, and registers once the server is back', async () => {
    const good = await sipConfig('1003');
    await pbx('stop');
    const made = phoneWithLog();
    phone = made.phone;
    await phone.connect(good);
    expect(made.states).to.include('failed');
    expect(phone.registration).to.equal('failed');

    await pbx('start');
    await waitUntil(() => phone?.registration === 'registered', 'it never registered after the server came back', { timeout: 20000 });
  });

  it('a renewal after a refused REGISTER registers without a new login', async () => {
    const good = await sipConfig('1003');
    const made = phoneWithLog();
    phone = made.phone;
    await phone.connect({ ...good, password: 'not-the-password' });
    await waitUntil(() => made.states.includes('failed'), 'a wrong password was never refused', { timeout: 10000 });
    await phone.connect(good);
    await waitUntil(() => phone?.registration === 'registered', 'the renewal never registered', { timeout: 10000 });
    expect(made.states.slice(made.states.indexOf('failed'))).to.deep.equal(['failed', 'registering', 'registered']);
  });
});
