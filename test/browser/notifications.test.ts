import { expect, waitUntil } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import '../../src/index.js';
import type { RingsidePhone } from '../../src/index.js';
import { CallNotifier } from '../../src/element/notifier.js';

/** A stand-in for `Notification`: records what was shown, asked and closed. */
function fakeNotificationClass(permission: NotificationPermission) {
  return class FakeNotification extends EventTarget {
    static permission: NotificationPermission = permission;
    static requests = 0;
    static shown: FakeNotification[] = [];
    static async requestPermission(): Promise<NotificationPermission> {
      FakeNotification.requests += 1;
      return FakeNotification.permission;
    }
    closed = false;
    constructor(
      readonly title: string,
      readonly options: NotificationOptions = {},
    ) {
      super();
      FakeNotification.shown.push(this);
    }
    close(): void {
      if (this.closed) return;
      this.closed = true;
      this.dispatchEvent(new Event('close'));
    }
    /** What the browser does when the agent clicks the notification. */
    click(): void {
      this.dispatchEvent(new Event('click'));
    }
  };
}

type Fake = ReturnType<typeof fakeNotificationClass>;

const call = (callId: string, state: string, extra: Record<string, unknown> = {}) => ({
  callId,
  direction: 'inbound',
  state,
  remoteNumber: '2001',
  remoteName: 'Alice',
  identity: 'asserted',
  ...extra,
});

describe('CallNotifier', () => {
  let cleanup: (() => void)[] = [];
  afterEach(() => {
    cleanup.forEach((undo) => undo());
    cleanup = [];
  });

  function setupTest({ permission = 'granted' as NotificationPermission, activation = true } = {}) {
    const Notification = fakeNotificationClass(permission);
    const host = document.createElement('div');
    host.attachShadow({ mode: 'open' }).innerHTML = '<button>minimize</button><iframe></iframe>';
    document.body.append(host);
    const page = { hidden: true, enabled: true, focused: 0, restored: 0 };
    const notifier = new CallNotifier(
      host,
      { enabled: () => page.enabled, restore: () => (page.restored += 1) },
      { Notification, isHidden: () => page.hidden, focusPage: () => (page.focused += 1), hasActivation: () => activation },
    );
    notifier.connect();
    cleanup.push(() => notifier.disconnect(), () => host.remove());
    return { notifier, Notification, host, page };
  }

  it('shows a call that rings while the CRM tab is hidden, until it is answered', () => {
    const { notifier, Notification } = setupTest();

    notifier.handle('OnIncomingCallRinging', call('c1', 'ringing'));

    expect(Notification.shown).to.have.length(1);
    const [shown] = Notification.shown;
    expect(shown!.title).to.equal('Incoming call');
    expect(shown!.options).to.deep.equal({ body: 'Alice · 2001', tag: 'c1', requireInteraction: true });
    expect(shown!.closed).to.equal(false);
  });

  it('shows nothing while the CRM tab is visible', () => {
    const { notifier, Notification, page } = setupTest();
    page.hidden = false;

    notifier.handle('OnIncomingCallRinging', call('c1', 'ringing'));

    expect(Notification.shown).to.have.length(0);
  });

  const callers: [string, Record<string, unknown>, string][] = [
    ['a caller whose identity the network asserted', {}, 'Alice · 2001'],
    ['a caller who only claims who they are', { identity: 'claimed' }, 'Alice · 2001 (unverified)'],
    ['a number without a name', { remoteName: '' }, '2001'],
    ['a claimed number without a name', { remoteName: '', identity: 'claimed' }, '2001 (unverified)'],
    ['a caller who sent nothing', { remoteName: '', remoteNumber: '' }, 'Unknown caller'],
  ];
  for (const [label, fields, body] of callers) {
    it(`says "${body}" for ${label}`, () => {
      const { notifier, Notification } = setupTest();

      notifier.handle('OnIncomingCallRinging', call('c1', 'ringing', fields));

      expect(Notification.shown[0]!.options.body).to.equal(body);
    });
  }

  const endings: [string, string][] = [
    ['OnIncomingCallAnswered', 'active'],
    ['OnIncomingCallHangup', 'ended'],
    ['OnAgentRingNoAnswer', 'ended'],
  ];
  for (const [name, state] of endings) {
    it(`closes the notification on ${name} of that call only`, () => {
      const { notifier, Notification } = setupTest();
      notifier.handle('OnIncomingCallRinging', call('c1', 'ringing'));
      notifier.handle('OnIncomingCallRinging', call('c2', 'ringing'));

      notifier.handle(name, call('c1', state));

      expect(Notification.shown.map((n) => [n.options.tag, n.closed])).to.deep.equal([
        ['c1', true],
        ['c2', false],
      ]);
    });
  }

  it('on a click, focuses the CRM tab, restores the phone and closes the notification', () => {
    const { notifier, Notification, page } = setupTest();
    notifier.handle('OnIncomingCallRinging', call('c1', 'ringing'));

    Notification.shown[0]!.click();

    expect(page.focused).to.equal(1);
    expect(page.restored).to.equal(1);
    expect(Notification.shown[0]!.closed).to.equal(true);
  });

  it('shows nothing without the permission, or when notifications are off', () => {
    const undecided = setupTest({ permission: 'default' });
    const denied = setupTest({ permission: 'denied' });
    const off = setupTest();
    off.page.enabled = false;

    for (const { notifier } of [undecided, denied, off]) notifier.handle('OnIncomingCallRinging', call('c1', 'ringing'));

    expect([undecided, denied, off].map(({ Notification }) => Notification.shown.length)).to.deep.equal([0, 0, 0]);
  });

  it('asks nothing on load, then asks once, at the first press on the element', () => {
    const { Notification, host } = setupTest({ permission: 'default' });
    const asked = Notification.requests;

    host.shadowRoot!.querySelector('button')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    host.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true }));

    expect(asked).to.equal(0);
    expect(Notification.requests).to.equal(1);
  });

  const noAsking: [string, { permission?: NotificationPermission; activation?: boolean; enabled?: boolean }][] = [
    ['notifications are off', { enabled: false }],
    ['the press gave the page no user activation', { activation: false }],
    ['the agent already allowed them', { permission: 'granted' }],
    ['the agent already refused them', { permission: 'denied' }],
  ];
  for (const [label, { enabled = true, ...options }] of noAsking) {
    it(`asks nothing when ${label}`, () => {
      const { Notification, host, page } = setupTest({ permission: 'default', ...options });
      page.enabled = enabled;

      host.dispatchEvent(new PointerEvent('pointerdown'));

      expect(Notification.requests).to.equal(0);
    });
  }
});

/** The widget double's window (test/fixtures/widget-double.html): the port it was handed. */
type DoubleWindow = Window & { hellos?: unknown[]; port?: MessagePort | null };

describe('<ringside-phone notifications>', () => {
  const realNotification = window.Notification;
  const realFocus = window.focus;
  let Notification: Fake;
  let focused = 0;

  beforeEach(() => {
    // The element remembers the last event seq per widget origin in this tab; each test's
    // double starts its sequence again.
    sessionStorage.clear();
    focused = 0;
    window.focus = () => (focused += 1);
    // The element reads whether the tab is hidden from document.hidden at each call.
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
  });
  afterEach(() => {
    document.querySelectorAll('ringside-phone').forEach((phone) => phone.remove());
    window.Notification = realNotification;
    window.focus = realFocus;
    delete (document as { hidden?: boolean }).hidden;
    sessionStorage.clear();
  });

  /** A phone on the widget double, with `Notification` faked before the element reads it. */
  async function setupPhone(attributes: string, { permission = 'granted' as NotificationPermission, src = new URL('../fixtures/widget-double.html', import.meta.url).href } = {}) {
    Notification = fakeNotificationClass(permission);
    window.Notification = Notification as unknown as typeof window.Notification;
    document.body.insertAdjacentHTML('beforeend', `<ringside-phone ${attributes}></ringside-phone>`);
    const phone = document.body.lastElementChild as RingsidePhone;
    const frame = phone.shadowRoot!.querySelector('iframe')!;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    phone.src = src;
    await loaded;
    let seq = 0;
    const event = async (name: string, data: unknown) => {
      await waitUntil(() => (frame.contentWindow as DoubleWindow).port, 'the phone did not shake hands');
      seq += 1;
      const before = phone.lastSeq;
      (frame.contentWindow as DoubleWindow).port!.postMessage({ ns: 'ringside', v: 1, type: 'event', group: 'agent', name, data, seq });
      await waitUntil(() => phone.lastSeq > before, `the phone did not receive ${name}`);
    };
    return { phone, frame, event };
  }

  it('shows a call ringing in a hidden tab; its click focuses the tab and restores the minimized phone', async () => {
    const { phone, event } = await setupPhone('notifications minimize');
    phone.minimize();

    await event('OnIncomingCallRinging', { call: call('c7', 'ringing', { identity: 'claimed' }) });
    const shown = Notification.shown[0]!;
    shown.click();

    expect(shown.options).to.deep.equal({ body: 'Alice · 2001 (unverified)', tag: 'c7', requireInteraction: true });
    expect(focused).to.equal(1);
    expect(phone.view).to.equal('open');
    expect(shown.closed).to.equal(true);
  });

  it('closes the notification when the call is answered', async () => {
    const { event } = await setupPhone('notifications');

    await event('OnIncomingCallRinging', { call: call('c8', 'ringing') });
    await event('OnIncomingCallAnswered', { call: call('c8', 'active') });

    expect(Notification.shown.map((n) => n.closed)).to.deep.equal([true]);
  });

  it('shows nothing without the notifications attribute or option', async () => {
    const { event } = await setupPhone('');

    await event('OnIncomingCallRinging', { call: call('c9', 'ringing') });

    expect(Notification.shown).to.have.length(0);
  });

  it('is turned on by options.notifications too', async () => {
    const { phone, event } = await setupPhone('');
    phone.options = { notifications: true, widgetUrl: phone.src };

    await event('OnIncomingCallRinging', { call: call('c10', 'ringing') });

    expect(Notification.shown).to.have.length(1);
  });

  it('asks for the permission at the first click into the cross-origin phone, not on load', async () => {
    const { frame } = await setupPhone('notifications', { permission: 'default', src: 'http://127.0.0.1:8000/test/fixtures/widget-double.html' });
    const askedOnLoad = Notification.requests;

    const box = frame.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)] });
    await waitUntil(() => Notification.requests > 0, 'the click into the phone asked nothing');

    expect(askedOnLoad).to.equal(0);
    expect(Notification.requests).to.equal(1);
  });
});
