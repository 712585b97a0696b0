import { expect, fixture, html } from '@open-wc/testing';
import { AgentSettings } from './agent-settings.js';
import { call, FakeDeskCore } from './fake-desk-core.js';
import { shortcutFor, shortcutList, Shortcuts, type KeyPress } from './shortcuts.js';

function press(target: EventTarget, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '', altKey: true, bubbles: true, composed: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

async function setupTest() {
  const core = new FakeDeskCore();
  const settings = new AgentSettings(null);
  settings.use('ringside.settings.u1');
  const shortcuts = new Shortcuts(core, settings, { target: document });
  shortcuts.start();
  const place = await fixture<HTMLDivElement>(html`<div><button>Answer</button><select><option>Ready</option></select></div>`);
  // Text fields inside a shadow root, as the phone's components have them.
  const root = place.attachShadow({ mode: 'open' });
  root.innerHTML = '<input type="tel"><textarea></textarea><input type="checkbox"><slot></slot>';
  const [tel, textarea, checkbox] = [root.querySelector('input[type=tel]')!, root.querySelector('textarea')!, root.querySelector('input[type=checkbox]')!];
  return { core, settings, shortcuts, place, tel, textarea, checkbox, button: place.querySelector('button')!, select: place.querySelector('select')! };
}

describe('shortcutFor', () => {
  const key = (key: string, patch: Partial<KeyPress> = {}): KeyPress => ({ key, code: `Key${key.toUpperCase()}`, altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, isComposing: false, repeat: false, ...patch });
  const cases: [string, KeyPress, string | null][] = [
    ['Alt+A', key('a'), 'answer'],
    ['Alt+H', key('h'), 'hang-up'],
    ['Alt+M', key('m'), 'mute'],
    ['Alt+L', key('l'), 'hold'],
    ['Alt+A with Caps Lock', key('A'), 'answer'],
    ['Option+A on a Mac ("å")', key('å', { code: 'KeyA' }), 'answer'],
    ['Option+M on a Mac ("µ")', key('µ', { code: 'KeyM' }), 'mute'],
    ['A without Alt', key('a', { altKey: false }), null],
    ['AltGr+A (Ctrl+Alt on Windows)', key('a', { ctrlKey: true }), null],
    ['Alt+Shift+A', key('A', { shiftKey: true }), null],
    ['Alt+Cmd+A', key('a', { metaKey: true }), null],
    ['Alt+M held down (repeat)', key('m', { repeat: true }), null],
    ['Alt+A while composing', key('a', { isComposing: true }), null],
    ['Alt+X', key('x'), null],
    ['AZERTY Alt+Q (the key where QWERTY has A) follows the letter', key('q', { code: 'KeyA' }), null],
  ];
  for (const [name, event, expected] of cases) {
    it(`${name} → ${expected ?? 'nothing'}`, () => {
      expect(shortcutFor(event)).to.equal(expected);
    });
  }

  it('lists the four shortcuts with their keys', () => {
    expect(shortcutList().map((s) => `${s.keys} ${s.label}`)).to.deep.equal([
      'Alt+A Answer the ringing call',
      'Alt+H Hang up the current call',
      'Alt+M Mute or unmute',
      'Alt+L Hold or resume',
    ]);
  });
});

describe('Shortcuts', () => {
  let shortcuts: Shortcuts | undefined;
  afterEach(() => shortcuts?.stop());

  it('answers the ringing call with Alt+A and takes the key from the browser', async () => {
    const test = await setupTest();
    shortcuts = test.shortcuts;
    test.core.setCalls(call('c1'));

    const event = press(test.button, 'a');

    expect(test.core.commands).to.deep.equal(['answer c1']);
    expect(event.defaultPrevented).to.equal(true);
  });

  it('mutes, holds and hangs up the current call', async () => {
    const test = await setupTest();
    shortcuts = test.shortcuts;
    test.core.setCalls(call('c0', { state: 'active' }));

    for (const key of ['m', 'm', 'l', 'l', 'h']) press(document.body, key);

    expect(test.core.commands).to.deep.equal(['mute c0 true', 'mute c0 false', 'hold c0', 'unhold c0', 'hang-up c0']);
    expect(test.core.snapshot().calls[0]?.state).to.equal('ended');
  });

  it('hangs up a held call when it is the only one', async () => {
    const test = await setupTest();
    shortcuts = test.shortcuts;
    test.core.setCalls(call('c0', { state: 'active', held: true }));

    press(document.body, 'h');

    expect(test.core.commands).to.deep.equal(['hang-up c0']);
  });

  it('leaves a key that applies to no call to the browser', async () => {
    const test = await setupTest();
    shortcuts = test.shortcuts;

    const events = ['a', 'h', 'm', 'l'].map((key) => press(document.body, key));

    expect(test.core.commands).to.deep.equal([]);
    expect(events.map((event) => event.defaultPrevented)).to.deep.equal([false, false, false, false]);
  });

  it('types into text fields (Option+A is "å" on a Mac) but works on selects, buttons and checkboxes', async () => {
    const test = await setupTest();
    shortcuts = test.shortcuts;
    test.core.setCalls(call('c0', { state: 'active' }));

    press(test.tel, 'µ', { code: 'KeyM' });
    press(test.textarea, 'm');
    press(test.select, 'm');
    press(test.checkbox, 'm');

    expect(test.core.commands).to.deep.equal(['mute c0 true', 'mute c0 false']);
  });

  it('is off when the host page turns shortcuts off, and the agent cannot turn them on then', async () => {
    const test = await setupTest();
    shortcuts = test.shortcuts;
    test.core.setCalls(call('c1'));
    test.core.prefs = { shortcuts: false };
    test.settings.update({ shortcuts: true });

    press(document.body, 'a');

    expect(test.core.commands).to.deep.equal([]);
    expect([test.shortcuts.hostAllows, test.shortcuts.enabled]).to.deep.equal([false, false]);
  });

  it('is off when the agent turns shortcuts off, and on again when they turn them back on', async () => {
    const test = await setupTest();
    shortcuts = test.shortcuts;
    test.core.setCalls(call('c0', { state: 'active' }));

    test.settings.update({ shortcuts: false });
    press(document.body, 'm');
    test.settings.update({ shortcuts: true });
    press(document.body, 'm');

    expect(test.core.commands).to.deep.equal(['mute c0 true']);
  });

  it('hears no keys once stopped', async () => {
    const test = await setupTest();
    test.core.setCalls(call('c1'));

    test.shortcuts.stop();
    press(document.body, 'a');

    expect(test.core.commands).to.deep.equal([]);
  });
});
