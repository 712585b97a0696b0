import { expect, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { PhonePrefs, RingsideOptions, RingsidePhone } from '../../src/index.js';

const WIDGET_DOUBLE = new URL('../fixtures/widget-double.html', import.meta.url).href;

/** The widget double's window (test/fixtures/widget-double.html): the hellos it received. */
type DoubleWindow = Window & { hellos?: { prefs?: PhonePrefs; token?: string }[] };

const doubleOf = (phone: RingsidePhone): DoubleWindow | null => phone.shadowRoot!.querySelector('iframe')!.contentWindow as DoubleWindow | null;
const hellosOf = (phone: RingsidePhone) => doubleOf(phone)?.hellos ?? [];

/** Mounts a phone on the widget double and waits for its first hello. */
async function setupTest({ attributes = '', options }: { attributes?: string; options?: RingsideOptions } = {}) {
  document.body.insertAdjacentHTML('beforeend', `<ringside-phone ${attributes}></ringside-phone>`);
  const phone = document.body.lastElementChild as RingsidePhone;
  if (options) phone.options = { ...options, widgetUrl: WIDGET_DOUBLE };
  else phone.src = WIDGET_DOUBLE;
  await waitUntil(() => hellosOf(phone).length === 1, 'the phone sent no hello');
  return { phone, hello: hellosOf(phone)[0]! };
}

/** Collects the SDK's console warnings while `act` runs. */
async function warningsDuring(act: () => Promise<unknown>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  try {
    await act();
  } finally {
    console.warn = original;
  }
  return warnings;
}

describe('<ringside-phone> phone preferences', () => {
  afterEach(() => document.querySelectorAll('ringside-phone').forEach((phone) => phone.remove()));

  it('sends options.phone in the hello', async () => {
    const phone = { language: 'pt-BR', autoAnswer: { enabled: true, delaySeconds: 5 }, shortcuts: false };

    const { hello } = await setupTest({ options: { phone, token: 'tok' } });

    expect(hello.prefs).to.deep.equal(phone);
    expect(hello.token).to.equal('tok');
  });

  it('sends empty prefs when nothing is asked', async () => {
    const { hello } = await setupTest();

    expect(hello.prefs).to.deep.equal({});
  });

  it('takes the attributes over the options', async () => {
    const { hello } = await setupTest({
      attributes: 'language="it" auto-answer="3" shortcuts="off"',
      options: { phone: { language: 'tr', autoAnswer: { enabled: false, delaySeconds: 0 }, shortcuts: true } },
    });

    expect(hello.prefs).to.deep.equal({ language: 'it', autoAnswer: { enabled: true, delaySeconds: 3 }, shortcuts: false });
  });

  it('turns auto-answer off with auto-answer="off" and shortcuts on with shortcuts="on"', async () => {
    const { hello } = await setupTest({ attributes: 'auto-answer="off" shortcuts="on"', options: { phone: { autoAnswer: { enabled: true, delaySeconds: 1 } } } });

    expect(hello.prefs).to.deep.equal({ autoAnswer: { enabled: false, delaySeconds: 0 }, shortcuts: true });
  });

  it('drops each malformed option with a warning naming it, and sends the rest', async () => {
    const phone = { language: 'Italian!', autoAnswer: { enabled: true, delaySeconds: 61 }, shortcuts: false, ringtone: 'bell' };
    let hello: { prefs?: PhonePrefs } = {};

    const warnings = await warningsDuring(async () => ({ hello } = await setupTest({ options: { phone } })));

    expect(hello.prefs).to.deep.equal({ shortcuts: false });
    expect(warnings.filter((w) => w.includes('is malformed or unknown and ignored')).map((w) => /option phone\.(\w+)/.exec(w)?.[1])).to.deep.equal(['language', 'autoAnswer', 'ringtone']);
  });

  it('ignores malformed attributes with a warning, keeping what the options say', async () => {
    let hello: { prefs?: PhonePrefs } = {};

    const warnings = await warningsDuring(async () => ({ hello } = await setupTest({ attributes: 'auto-answer="soon" shortcuts="no" language="it_IT"', options: { phone: { language: 'tr' } } })));

    expect(hello.prefs).to.deep.equal({ language: 'tr' });
    expect(warnings.filter((w) => w.includes('is malformed and ignored')).map((w) => /attribute ([\w-]+)/.exec(w)?.[1])).to.deep.equal(['language', 'auto-answer', 'shortcuts']);
  });

  it('applies a change at the next load of the phone, in every hello', async () => {
    const { phone } = await setupTest({ options: { phone: { language: 'it' } } });

    phone.options = { phone: { language: 'tr' }, widgetUrl: WIDGET_DOUBLE };
    phone.setAttribute('auto-answer', '0');
    doubleOf(phone)!.location.reload();
    await waitUntil(() => hellosOf(phone).length === 1 && hellosOf(phone)[0]!.prefs?.language === 'tr', 'no hello after the reload');

    expect(hellosOf(phone)[0]!.prefs).to.deep.equal({ language: 'tr', autoAnswer: { enabled: true, delaySeconds: 0 } });
  });
});

describe('script tag with ringside_options.phone', () => {
  it('sends the checked preferences and warns about the malformed one', async () => {
    const frame = document.createElement('iframe');
    frame.src = new URL('../fixtures/script-tag-prefs.html', import.meta.url).href;
    document.body.append(frame);
    const page = () => frame.contentWindow as (Window & { warnings?: string[] }) | null;
    const inserted = () => page()?.document.querySelector('ringside-phone') as RingsidePhone | null;

    await waitUntil(() => {
      const phone = inserted();
      return phone !== null && hellosOf(phone).length === 1;
    }, 'the script tag inserted no phone that said hello');

    expect(hellosOf(inserted()!)[0]!.prefs).to.deep.equal({ language: 'it', shortcuts: false });
    expect(page()!.warnings!.filter((w) => w.includes('option phone.'))).to.deep.equal([
      '[ringside] option phone.autoAnswer is malformed or unknown and ignored; see "Phone preferences" in the Ringside README',
    ]);
    frame.remove();
  });
});
