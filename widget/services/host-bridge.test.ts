import { expect, waitUntil } from '@open-wc/testing';
import { createLogger } from './logger.js';
import { actionGuardsLoader, HostBridge, type ActionGuards } from './host-bridge.js';
import { callEventData } from './event-mapper.js';
import type { CallInfo } from '../../src/protocol/index.js';

/**
 * The widget's own origin check, independent of the browser's frame-ancestors policy: a
 * fake window whose `parent` is a real frame, and hellos with chosen origins and sources.
 */
function setup(storage: Storage | null = null) {
  const parentFrame = document.createElement('iframe');
  const otherFrame = document.createElement('iframe');
  document.body.append(parentFrame, otherFrame);
  const win = Object.assign(new EventTarget(), { parent: parentFrame.contentWindow! }) as unknown as Window;
  const bridge = new HostBridge(
    win,
    { onHello: () => undefined, onConnected: () => undefined, onAction: async () => ({ calls: [] }) },
    createLogger('test', () => undefined),
    null,
    storage,
  );
  bridge.start();
  const hello = (origin: string, source: Window, lastSeq?: number, epoch?: string, extra: Record<string, unknown> = {}) => {
    const channel = new MessageChannel();
    const received: unknown[] = [];
    channel.port1.onmessage = (event) => received.push(event.data);
    const data: Record<string, unknown> = { ns: 'ringside', type: 'hello', v: 1, ...extra };
    if (lastSeq !== undefined) data.lastSeq = lastSeq;
    if (epoch !== undefined) data.epoch = epoch;
    win.dispatchEvent(new MessageEvent('message', { data, origin, source, ports: [channel.port2] }));
    return { received, port: channel.port1 };
  };
  const cleanup = () => {
    bridge.stop();
    parentFrame.remove();
    otherFrame.remove();
  };
  /** The widget page going away (reload, removal): the moment the event log is saved. */
  const pagehide = () => win.dispatchEvent(new Event('pagehide'));
  return { bridge, hello, pagehide, parent: parentFrame.contentWindow!, other: otherFrame.contentWindow!, cleanup };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('HostBridge origin rules', () => {
  const cases = [
    { label: 'an allowed parent', origin: 'https://crm.example.com', fromParent: true, expected: ['welcome', 'event'] },
    { label: 'a parent on another origin', origin: 'https://evil.example', fromParent: true, expected: ['refused'] },
    { label: 'a look-alike origin', origin: 'https://crm.example.com.evil.example', fromParent: true, expected: ['refused'] },
    { label: 'an opaque origin', origin: 'null', fromParent: true, expected: ['refused'] },
    { label: 'a sibling frame spoofing the allowed origin', origin: 'https://crm.example.com', fromParent: false, expected: [] },
  ];

  for (const { label, origin, fromParent, expected } of cases) {
    it(`answers ${label} with ${expected.join(' + ') || 'nothing'}`, async () => {
      const { bridge, hello, parent, other, cleanup } = setup();
      bridge.emit('OnLogin', { agent: { userId: '1001', extension: '1001', displayName: 'A' } });

      const { received } = hello(origin, fromParent ? parent : other);
      bridge.setAllowedOrigins(['https://crm.example.com']);
      await settle();

      expect(received.map((m) => (m as { type: string }).type)).to.deep.equal(expected);
      cleanup();
    });
  }

  it('sends nothing to anyone before the allow-list is known', async () => {
    const { bridge, hello, parent, cleanup } = setup();
    const { received } = hello('https://crm.example.com', parent);

    bridge.emit('OnLogin', { agent: { userId: '1001', extension: '1001', displayName: 'A' } });
    await settle();

    expect(received).to.deep.equal([]);
    cleanup();
  });

  it('replays only the events after the seq a reconnecting host names', async () => {
    const { bridge, hello, parent, cleanup } = setup();
    bridge.setAllowedOrigins(['https://crm.example.com']);
    for (let i = 0; i < 3; i++) bridge.emit('OnRegistrationChanged', { state: 'registered' });

    const first = hello('https://crm.example.com', parent);
    await settle();
    const { epoch } = first.received[0] as { epoch: string };
    const { received } = hello('https://crm.example.com', parent, 2, epoch);
    await settle();

    expect(received.map((m) => (m as { seq?: number; type: string }).seq ?? (m as { type: string }).type)).to.deep.equal(['welcome', 3]);
    cleanup();
  });

  it('replays everything to a host whose lastSeq belongs to another sequence', async () => {
    const { bridge, hello, parent, cleanup } = setup();
    bridge.setAllowedOrigins(['https://crm.example.com']);
    for (let i = 0; i < 3; i++) bridge.emit('OnRegistrationChanged', { state: 'registered' });

    const { received } = hello('https://crm.example.com', parent, 2, 'an-older-widget-session');
    await settle();

    expect(received.map((m) => (m as { seq?: number; type: string }).seq ?? (m as { type: string }).type)).to.deep.equal(['welcome', 1, 2, 3]);
    cleanup();
  });
});
describe('HostBridge: who runs URL triggers', () => {
  it('a host that shakes hands runs them unless it says runsTriggers: false; a refused one changes nothing', async () => {
    const { bridge, hello, parent, cleanup } = setup();
    expect(bridge.hostRunsTriggers).to.equal(false);
    bridge.setAllowedOrigins(['https://crm.example.com']);

    hello('https://crm.example.com', parent);
    expect(bridge.hostRunsTriggers, 'a hello without the flag (an SDK older than it)').to.equal(true);
    hello('https://crm.example.com', parent, undefined, undefined, { runsTriggers: false });
    expect(bridge.hostRunsTriggers, 'a host that says it does not').to.equal(false);
    hello('https://evil.example', parent, undefined, undefined, { runsTriggers: true });
    expect(bridge.hostRunsTriggers, 'a refused host').to.equal(false);
    hello('https://crm.example.com', parent, undefined, undefined, { runsTriggers: true });
    expect(bridge.hostRunsTriggers).to.equal(true);
    cleanup();
  });
});


describe('HostBridge window channel (Tegsoft-style hosts)', () => {
  function windowSetup(parentOrigin: string | null) {
    const parentFrame = document.createElement('iframe');
    document.body.append(parentFrame);
    const parent = parentFrame.contentWindow!;
    const win = Object.assign(new EventTarget(), { parent }) as unknown as Window;
    const bridge = new HostBridge(
      win,
      { onHello: () => undefined, onConnected: () => undefined, onAction: async () => ({ calls: [] }) },
      createLogger('test', () => undefined),
      parentOrigin,
      null,
    );
    bridge.start();
    const received: { type: string; id?: string; name?: string; ok?: boolean }[] = [];
    parent.addEventListener('message', (event) => received.push(event.data));
    const act = (origin: string, id: string) =>
      win.dispatchEvent(new MessageEvent('message', { data: { type: 'action', group: 'agent', name: 'getCallStats', id }, origin, source: parent }));
    return { bridge, received, act, cleanup: () => (bridge.stop(), parentFrame.remove()) };
  }
  // The parent frame is about:blank, so it shares this page's origin and can receive posts.
  const here = location.origin;

  it('holds actions that arrive before login and answers them once the parent is allowed', async () => {
    const { bridge, received, act, cleanup } = windowSetup(here);
    act(here, 'early');
    await settle();
    expect(received).to.deep.equal([]);

    bridge.setAllowedOrigins([here]);
    await settle();

    expect(received.find((m) => m.type === 'result')).to.include({ id: 'early', ok: true });
    cleanup();
  });

  it('sends events to an allowed parent without any handshake, and nothing to a foreign one', async () => {
    const allowed = windowSetup(here);
    allowed.bridge.emit('OnLogin', { agent: { userId: '1001', extension: '1001', displayName: 'A' } });
    allowed.bridge.setAllowedOrigins([here]);
    await settle();
    expect(allowed.received.map((m) => m.name)).to.deep.equal(['OnLogin']);
    allowed.cleanup();

    const foreign = windowSetup(here);
    foreign.bridge.emit('OnLogin', { agent: { userId: '1001', extension: '1001', displayName: 'A' } });
    foreign.bridge.setAllowedOrigins(['https://crm.example.com']);
    foreign.act(here, 'ignored');
    await settle();
    expect(foreign.received).to.deep.equal([]);
    foreign.cleanup();
  });
});

describe('HostBridge event log in sessionStorage', () => {
  const caller: CallInfo = {
    callId: 'c1',
    direction: 'inbound',
    remoteNumber: '+15550100',
    remoteName: 'Ada Caller',
    state: 'ringing',
    muted: false,
    held: false,
    startedAt: new Date(0).toISOString(),
    answeredAt: null,
    endedAt: null,
    duration: 0,
  };
  const ringing = () => callEventData(caller, '1001');
  const stored = (storage: Storage) => storage.getItem('ringside.events:1001') ?? '';

  it('keeps across a reload only the events no host has received yet', async () => {
    // Arrange: a call rings before any host shook hands.
    const storage = memoryStorage();
    const { bridge, hello, pagehide, parent, cleanup } = setup(storage);
    bridge.resume('1001');
    bridge.setAllowedOrigins(['https://crm.example.com']);
    bridge.emit('OnIncomingCallRinging', ringing());
    pagehide();
    const beforeHost = stored(storage);

    // Act: a host connects and is sent the event; the page goes away again.
    hello('https://crm.example.com', parent);
    await settle();
    pagehide();

    // Assert: replay needed the undelivered call; once delivered, only the sequence is kept.
    expect(beforeHost).to.contain('+15550100');
    expect(stored(storage)).not.to.contain('+15550100');
    expect(stored(storage)).not.to.contain('Ada Caller');
    expect(JSON.parse(stored(storage))).to.include({ seq: 1 });
    cleanup();
  });

  it('forgets the event log at logout, and saves nothing after it', () => {
    const storage = memoryStorage();
    const { bridge, pagehide, cleanup } = setup(storage);
    bridge.resume('1001');
    bridge.emit('OnIncomingCallRinging', ringing());
    pagehide();

    bridge.endSession();
    bridge.emit('OnLogout', { reason: 'logout' });
    pagehide();

    expect(storage.length).to.equal(0);
    cleanup();
  });
});

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key: string) => map.get(key) ?? null,
    key: (index: number) => [...map.keys()][index] ?? null,
    removeItem: (key: string) => void map.delete(key),
    setItem: (key: string, value: string) => void map.set(key, String(value)),
  };
}

describe('HostBridge action checker, loaded with the first action', () => {
  async function connected(loadGuards: () => Promise<ActionGuards>, performed: string[]) {
    const parentFrame = document.createElement('iframe');
    document.body.append(parentFrame);
    const win = Object.assign(new EventTarget(), { parent: parentFrame.contentWindow! }) as unknown as Window;
    const onAction = async (action: { name: string }) => {
      performed.push(action.name);
      return { calls: [] };
    };
    const bridge = new HostBridge(win, { onHello: () => undefined, onConnected: () => undefined, onAction }, createLogger('test', () => undefined), null, null, loadGuards);
    bridge.start();
    bridge.setAllowedOrigins(['https://crm.example.com']);
    const channel = new MessageChannel();
    const received: { type: string; name?: string; ok?: boolean; error?: { code: string } }[] = [];
    channel.port1.onmessage = (event) => received.push(event.data);
    win.dispatchEvent(new MessageEvent('message', { data: { ns: 'ringside', type: 'hello', v: 1 }, origin: 'https://crm.example.com', source: parentFrame.contentWindow, ports: [channel.port2] }));
    await settle();
    const send = (name: string, id: string) => channel.port1.postMessage({ type: 'action', group: 'agent', name, ns: 'ringside', v: 1, id });
    const results = () => received.filter((m) => m.type === 'result');
    return { send, results, cleanup: () => (bridge.stop(), parentFrame.remove()) };
  }

  it('performs actions sent while the checker loads in the order they came, each checked', async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const performed: string[] = [];
    const host = await connected(actionGuardsLoader(async () => (await held, import('../../src/protocol/action-guards.js'))), performed);
    host.send('getCtiData', 'a');
    host.send('nonsense', 'b');
    host.send('queryStatus', 'c');
    await settle();
    expect(performed).to.deep.equal([]);
    release();
    await waitUntil(() => host.results().length === 3, 'results');
    expect(performed).to.deep.equal(['getCtiData', 'queryStatus']);
    // Each result answers its action by id; a refusal needs no performing, so it may come first.
    const byId = Object.fromEntries(host.results().map((r) => [(r as { id?: string }).id, [r.name, r.ok, r.error?.code]]));
    expect(byId).to.deep.equal({ a: ['getCtiData', true, undefined], b: ['nonsense', false, 'unknown_action'], c: ['queryStatus', true, undefined] });
    host.cleanup();
  });

  it('answers the actions waiting for a load that failed with a code, and loads again for the next one', async () => {
    let offline = true;
    let attempts = 0;
    const performed: string[] = [];
    const host = await connected(
      actionGuardsLoader(async () => {
        attempts += 1;
        if (offline) throw new TypeError('Failed to fetch dynamically imported module');
        return import('../../src/protocol/action-guards.js');
      }),
      performed,
    );
    host.send('getCtiData', 'a');
    await waitUntil(() => host.results().length === 1, 'results');
    const failedAttempts = attempts;
    offline = false;
    host.send('getCtiData', 'b');
    await waitUntil(() => host.results().length === 2, 'results');
    expect(host.results().map((r) => [r.ok, r.error?.code])).to.deep.equal([
      [false, 'internal'],
      [true, undefined],
    ]);
    expect(performed).to.deep.equal(['getCtiData']);
    expect(attempts).to.equal(failedAttempts + 1);
    host.cleanup();
  });
});
