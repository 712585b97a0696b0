import { expect } from '@open-wc/testing';
import type { RingsideEvent } from '../../src/index.js';
import { EventLog, mountPhone, unmountAll, WIDGET_URL } from '../support/phone.js';

async function registerAttempts(user: string): Promise<number> {
  const response = await fetch(`/test-only/register-attempts?user=${user}`);
  return ((await response.json()) as { attempts: number }).attempts;
}

async function expiredToken(user: string): Promise<string> {
  const response = await fetch(`/test-only/expired-token?user=${user}`);
  return ((await response.json()) as { token: string }).token;
}

/** A same-origin widget iframe, so the test can read what the agent sees. */
async function widgetFrame(query: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = `/widget/${query}`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return frame;
}

async function alertText(frame: HTMLIFrameElement, timeoutMs = 10000): Promise<{ text: string; code: string }> {
  const started = Date.now();
  for (;;) {
    const bar = frame.contentDocument?.querySelector('rs-app')?.shadowRoot?.querySelector('rs-status-bar');
    const alert = bar?.shadowRoot?.querySelector<HTMLElement>('[role="alert"]');
    if (alert) return { text: alert.textContent ?? '', code: alert.dataset.code ?? '' };
    if (Date.now() - started > timeoutMs) throw new Error('the widget showed no error');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('login', () => {
  afterEach(() => {
    unmountAll();
    for (const frame of document.querySelectorAll('iframe')) frame.remove();
  });

  const cases = [
    { label: 'an expired token', user: '1002', token: () => expiredToken('1002'), code: 'token_expired' },
    { label: 'a garbage token', user: '1003', token: async () => 'garbage.not-a.jwt', code: 'token_invalid' },
  ];

  for (const { label, user, token, code } of cases) {
    it(`refuses ${label} with a coded host event and no registration attempt`, async () => {
      const before = await registerAttempts(user);

      const { log } = await mountPhone(user, { token: await token(), waitRegistered: false });
      const failed = (await log.next('OnLoginFailed')) as RingsideEvent<'OnLoginFailed'>;

      expect(failed.data.error.code).to.equal(code);
      expect(failed.type).to.equal('ringside-event');
      expect(log.names()).not.to.include('OnRegistrationChanged');
      expect(log.names()).not.to.include('OnLogin');
      expect(await registerAttempts(user)).to.equal(before);
    });

    it(`shows ${label} clearly inside the widget`, async () => {
      const frame = await widgetFrame(`?token=${encodeURIComponent(await token())}`);

      const alert = await alertText(frame);

      expect(alert.code).to.equal(code);
      expect(alert.text).to.match(/token/i);
      expect(frame.contentWindow!.location.search).to.equal('');
    });
  }

  it('fires the typed DOM event for a failed login too', async () => {
    const phone = document.createElement('ringside-phone');
    const log = new EventLog(phone);
    const typed = new Promise<RingsideEvent<'OnLoginFailed'>>((resolve) => phone.addEventListener('ringside-login-failed', resolve, { once: true }));
    phone.token = 'garbage';
    phone.src = WIDGET_URL;
    document.body.append(phone);

    const event = await typed;

    expect(event.data.error.code).to.equal('token_invalid');
    expect(log.names()).to.deep.equal(['OnLoginFailed']);
  });

  it('logs in from the iframe URL with usercode and clearpassword and removes them from the address bar', async () => {
    const frame = await widgetFrame('?sessiontype=agent&usercode=1003&clearpassword=carol-1003');

    const started = Date.now();
    let state = '';
    while (state !== 'registered' && Date.now() - started < 10000) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = frame.contentDocument?.querySelector('rs-app')?.shadowRoot?.querySelector('rs-status-bar')?.shadowRoot?.querySelector('.bar')?.getAttribute('data-state') ?? '';
    }

    expect(state).to.equal('registered');
    expect(frame.contentWindow!.location.href).not.to.contain('clearpassword');
    expect(frame.contentWindow!.location.href).not.to.contain('usercode');
  });
});
