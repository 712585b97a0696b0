import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, type TemplateResult } from 'lit';
import type { CallInfo } from '../../../src/protocol/index.js';
import { CallHistoryStore, entryOf } from '../../services/call-history.js';
import { ManualClock } from '../../services/clock.js';
import { agent } from '../../services/fake-desk-core.js';
import { HistoryRecorder } from '../../services/history-recorder.js';
import { LazyHistory } from '../../services/lazy-history.js';
import { createLogger } from '../../services/logger.js';
import type { WidgetCore } from '../../services/widget-core.js';
import { HistoryOpener } from './history-opener.js';

/**
 * The History button's missed-calls badge while the history's code loads at login: none until
 * the recorder has counted, then the calls missed before (in an earlier session, and while it
 * loaded). The real recorder and IndexedDB under a database of the test's own; the load is
 * held back by the test.
 */
class TestShell extends LitElement {
  core: WidgetCore | null = null;
  readonly opener = new HistoryOpener(this, () => this.core);

  override render(): TemplateResult {
    return html`${this.opener.button()}`;
  }
}
customElements.define('test-history-shell', TestShell);

function missed(callId: string, at: number) {
  const info: CallInfo = { callId, remoteNumber: '2001', remoteName: '', identity: 'claimed', direction: 'inbound', state: 'ended', muted: false, held: false, startedAt: new Date(at).toISOString(), answeredAt: null, endedAt: new Date(at + 20_000).toISOString(), duration: 0, endReason: 'missed' };
  return { kind: 'call' as const, call: info, previous: { ...info, state: 'ringing' as const, endedAt: null } };
}

describe('HistoryOpener', () => {
  const name = `ringside-history-opener-test-${Math.random().toString(36).slice(2)}`;
  const store = new CallHistoryStore(indexedDB, name);

  after(async () => {
    await store.close();
    await new Promise((resolve) => (indexedDB.deleteDatabase(name).onsuccess = resolve));
  });

  it('shows no badge until the history has loaded, then the missed calls, those missed while it loaded too', async () => {
    const clock = new ManualClock();
    let release!: () => void;
    const history = new LazyHistory({ clock, store, log: createLogger('test', () => undefined), missedChanged: () => undefined, load: () => new Promise((resolve) => (release = () => resolve(HistoryRecorder))) });
    const core = { snapshot: () => ({ agent }), history } as unknown as WidgetCore;
    await store.add('dev/u1', entryOf(missed('earlier', clock.now() - 60_000).call, clock.now()));
    const shell = await fixture<TestShell>(html`<test-history-shell .core=${core}></test-history-shell>`);
    const button = () => shell.shadowRoot!.querySelector('.history-button')!;

    void history.use('dev/u1', 30);
    history.record(missed('meanwhile', clock.now()));
    await shell.updateComplete;
    const before = button().textContent!.replace(/\s+/g, ' ').trim();
    release();
    await waitUntil(() => button().querySelector('.badge'), 'the badge never showed');

    expect([before, button().textContent!.replace(/\s+/g, ' ').trim()]).to.deep.equal(['History', 'History 2 missed']);
  });
});
