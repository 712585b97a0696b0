import { expect, html } from '@open-wc/testing';
import type { TransferRequest } from '../../src/protocol/index.js';
import '../components/status-bar/status-bar.js';
import type { RsStatusBar } from '../components/status-bar/status-bar.js';
import '../components/transfer-request/transfer-request.js';
import type { RsTransferRequest } from '../components/transfer-request/transfer-request.js';
import { FakeMediaDevices, rejectWith } from '../services/media/fake-media-devices.js';
import { openMicrophone } from '../services/media/microphone.js';
import { fakeCore, provide } from '../testing/fake-phone.js';
import { chooseLanguage, getLocale, pickLanguage, setLocale, type Language } from './locale.js';

describe('pickLanguage', () => {
  const cases: [string, (string | undefined)[], Language][] = [
    ['a language the phone speaks', ['it'], 'it'],
    ['a regional tag by its primary subtag', ['it-CH'], 'it'],
    ['any letter case', ['TR-tr'], 'tr'],
    ['the first it speaks, skipping unknown and missing ones', ['fr-FR', undefined, 'tr', 'it'], 'tr'],
    ['a tag that only starts like a known one', ['italian'], 'en'],
    ['an unknown language', ['de-DE'], 'en'],
    ['nothing at all', [], 'en'],
  ];
  for (const [what, wanted, expected] of cases) {
    it(`${what}: ${JSON.stringify(wanted)} → ${expected}`, () => {
      expect(pickLanguage(...wanted)).to.equal(expected);
    });
  }
});

describe('chooseLanguage', () => {
  const cases: [string, string | undefined, string | undefined, string[], Language][] = [
    ['the host option wins over the tenant and the browser', 'tr', 'it', ['it-IT'], 'tr'],
    ['a regional host option', 'it-CH', 'tr', ['tr-TR'], 'it'],
    ['an unknown host option falls to the tenant', 'fr', 'tr', ['it'], 'tr'],
    ['with no host option, the tenant default wins over the browser', undefined, 'it', ['tr-TR', 'en-GB'], 'it'],
    ['an empty host option counts as none', '', 'it', ['tr'], 'it'],
    ['an unknown tenant default falls to the browser', undefined, 'de', ['tr-TR'], 'tr'],
    ['neither: the browser list, first it speaks', undefined, undefined, ['fr-FR', 'it-CH', 'tr'], 'it'],
    ['nothing known anywhere', 'fr', 'de', ['es-ES', 'pt-BR'], 'en'],
  ];
  for (const [what, host, tenant, browser, expected] of cases) {
    it(`${what} (host ${host ?? '-'}, tenant ${tenant ?? '-'}, browser ${browser.join(' ') || '-'}) → ${expected}`, () => {
      expect(chooseLanguage(host, tenant, browser)).to.equal(expected);
    });
  }
});

const request: TransferRequest = {
  requestId: 'r1',
  callId: 'c1',
  fromNumber: '+390212345',
  fromName: 'Banca Rossi',
  fromIdentity: 'claimed',
  target: '4021',
  attended: false,
  state: 'asking',
};

describe('switching the language', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  it('re-renders a mounted status bar in Italian, then in English again', async () => {
    const { core, phone } = fakeCore();
    const bar = await provide<RsStatusBar>(core, html`<rs-status-bar></rs-status-bar>`);
    const shown = async () => {
      await bar.updateComplete;
      return bar.shadowRoot!.querySelector('[role="status"]')!.textContent;
    };
    phone.register();
    expect(await shown()).to.equal('Connected');

    await setLocale('it');

    expect(getLocale()).to.equal('it');
    expect(await shown()).to.equal('Connesso');

    await setLocale('en');

    expect(await shown()).to.equal('Connected');
  });

  it('puts the values and markup of a translated template where the translation says (Turkish transfer request)', async () => {
    const { core } = fakeCore();
    const card = await provide<RsTransferRequest>(core, html`<rs-transfer-request .request=${request}></rs-transfer-request>`);

    await setLocale('tr');
    await card.updateComplete;

    const who = card.shadowRoot!.querySelector('.who')!;
    expect(who.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Banca Rossi Doğrulanmadı 4021 numarasını aramanızı istiyor');
    expect(who.querySelector('.target')!.textContent).to.equal('4021');
    expect(card.shadowRoot!.querySelector('button.ok')!.textContent).to.equal('Kabul et');
  });

  it('words a microphone failure in the language in effect when it happens', async () => {
    const fail = async () => {
      const outcome = await openMicrophone({ mediaDevices: new FakeMediaDevices({ answers: [rejectWith('NotFoundError')] }) });
      if (outcome.ok) throw new Error('expected the microphone not to open');
      return outcome.error.message;
    };
    expect(await fail()).to.match(/^No microphone was found/);

    await setLocale('it');

    expect(await fail()).to.match(/^Nessun microfono trovato/);
  });
});
