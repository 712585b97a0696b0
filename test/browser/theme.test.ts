import { expect } from '@open-wc/testing';
import type { RingsideActionError, RingsidePhone } from '../../src/index.js';
import { EventLog, mintToken, unmountAll, waitForRegistration } from '../support/phone.js';

/** A same-origin widget, so the test can look at the styles inside it. */
async function sameOriginPhone(): Promise<RingsidePhone> {
  const phone = document.createElement('ringside-phone');
  const log = new EventLog(phone);
  phone.token = await mintToken('1001');
  phone.src = '/widget/';
  document.body.append(phone);
  await waitForRegistration(log, 'registered');
  return phone;
}

const appStyle = (phone: RingsidePhone) => phone.shadowRoot!.querySelector('iframe')!.contentDocument!.querySelector('rs-app')!.style;

describe('setTheme', () => {
  afterEach(() => unmountAll());

  it('carries allowed colour, font and radius tokens into the phone', async () => {
    const phone = await sameOriginPhone();

    const { theme } = await phone.setTheme({ ok: '#0a7d32', danger: 'rgb(200, 0, 0)', font: "'IBM Plex Sans', sans-serif", radius: '10px' });
    await new Promise((resolve) => requestAnimationFrame(resolve));

    expect(theme.ok).to.equal('#0a7d32');
    const style = appStyle(phone);
    expect(style.getPropertyValue('--rs-ok')).to.equal('#0a7d32');
    expect(style.getPropertyValue('--rs-danger')).to.equal('rgb(200, 0, 0)');
    expect(style.getPropertyValue('--rs-font')).to.equal("'IBM Plex Sans', sans-serif");
    expect(style.getPropertyValue('--rs-radius')).to.equal('10px');
  });

  const refused: [string, Record<string, string>][] = [
    ['a script URL as a colour', { ok: 'url(javascript:alert(1))' }],
    ['an expression', { danger: 'expression(alert(1))' }],
    ['CSS injection in the font', { font: 'x;} body{display:none' }],
    ['a radius in other units', { radius: '1em' }],
    ['a token that is not on the list', { background: 'red' }],
    ['prototype pollution', JSON.parse('{"__proto__": "red"}')],
  ];
  for (const [label, theme] of refused) {
    it(`refuses ${label} with invalid_data and changes nothing`, async () => {
      const phone = await sameOriginPhone();

      const error = (await phone.setTheme(theme).catch((e: RingsideActionError) => e)) as RingsideActionError;

      expect(error.code).to.equal('invalid_data');
      expect(appStyle(phone).length).to.equal(0);
    });
  }
});
