import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { formatDuration, type CallHistoryEntry, type CallHistoryResult } from '../../../src/protocol/index.js';
import { define } from '../../define.js';
import { getLocale } from '../../i18n/locale.js';
import type { WidgetCore } from '../../services/widget-core.js';
import { unverifiedMark } from '../caller-id.js';
import { problemOf } from '../problem-of.js';
import { FollowController } from '../settings/follow-controller.js';
import { styles } from './history.styles.js';

/** Calls the view shows, newest first (the host can page through all of them with `getCallHistory`). */
const SHOWN = 100;

/** The agent closed the history (Close, Escape, or a call placed from it). */
export class RsHistoryCloseEvent extends Event {
  static readonly eventName = 'rs-history-close';
  constructor() {
    super(RsHistoryCloseEvent.eventName, { bubbles: true, composed: true });
  }
}

function resultLabel(result: CallHistoryResult): string {
  switch (result) {
    case 'answered':
      return msg('Answered', { id: 'history.result-answered' });
    case 'missed':
      return msg('Missed', { id: 'history.result-missed' });
    case 'rejected':
      return msg('Rejected', { id: 'history.result-rejected' });
    case 'transferred':
      return msg('Transferred', { id: 'history.result-transferred' });
    case 'unanswered':
      return msg('Not answered', { id: 'history.result-unanswered' });
    case 'failed':
      return msg('Failed', { id: 'history.result-failed' });
  }
}

/**
 * @summary The agent's call history: each call's direction, number and name, time, duration,
 * result, disposition and notes, newest first, with a button to call the number again and one
 * to clear the history (after a confirmation). Loaded the first time the agent opens it; opening
 * it marks the missed calls seen. Focus moves to its heading; Escape or Close closes it.
 *
 * @fires rs-history-close - The agent closed the history, or placed a call from it.
 */
export class RsHistory extends LitElement {
  static override styles = styles;
  static override properties = { core: { attribute: false }, entries: { state: true }, confirming: { state: true }, problem: { state: true } };
  declare core: WidgetCore | undefined;
  /** null while the first read is under way. */
  declare entries: CallHistoryEntry[] | null;
  declare confirming: boolean;
  declare problem: string;

  constructor() {
    super();
    this.entries = null;
    this.confirming = false;
    this.problem = '';
    // Every change of the history (a call ended, a wrap-up, a clear) reads it again.
    new FollowController(this, () => this.core?.history, () => void this.#load());
    // The Call buttons follow the registration.
    new FollowController(this, () => this.core);
    updateWhenLocaleChanges(this);
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('h2')?.focus();
  }

  override render(): TemplateResult {
    const entries = this.entries;
    return html`
      <section aria-labelledby="history-title" @keydown=${this.#onKeyDown}>
        <div class="head">
          <h2 id="history-title" tabindex="-1">${msg('Call history', { id: 'history.title' })}</h2>
          <button class="close" @click=${() => this.#close()}>${msg('Close', { id: 'history.close' })}</button>
        </div>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
        ${entries === null
          ? html`<p class="note">${msg('Loading…', { id: 'history.loading' })}</p>`
          : entries.length === 0
            ? html`<p class="note empty">${msg('No calls yet.', { id: 'history.empty' })}</p>`
            : html`<ul class="calls">${entries.map((entry) => this.#row(entry))}</ul>`}
        ${entries?.length ? this.#clear(entries.length) : nothing}
      </section>
    `;
  }

  #row(entry: CallHistoryEntry): TemplateResult {
    const inbound = entry.direction === 'inbound';
    const time = new Intl.DateTimeFormat(getLocale(), { dateStyle: 'short', timeStyle: 'short' }).format(entry.startedAt);
    const disposition = entry.disposition ? (this.core?.settings.dispositionCodes.find((code) => code.code === entry.disposition)?.label ?? entry.disposition) : '';
    const registered = this.core?.snapshot().state === 'registered';
    return html`
      <li class="call" data-direction=${entry.direction} data-result=${entry.result}>
        <span class="arrow" aria-hidden="true">${inbound ? '↙' : '↗'}</span>
        <div class="who">
          <span class="number">${entry.number}</span>
          ${entry.name && entry.name !== entry.number ? html`<span class="name">${entry.name}</span>` : nothing}
          ${entry.identity === 'claimed' ? unverifiedMark() : nothing}
        </div>
        <div class="meta">
          <span class="direction">${inbound ? msg('Incoming', { id: 'history.inbound' }) : msg('Outgoing', { id: 'history.outbound' })}</span>
          <time datetime=${new Date(entry.startedAt).toISOString()}>${time}</time>
          <span class="result">${resultLabel(entry.result)}</span>
          ${entry.answeredAt ? html`<span class="duration">${formatDuration(entry.duration)}</span>` : nothing}
        </div>
        ${disposition ? html`<div class="disposition">${msg(str`Disposition: ${disposition}`, { id: 'history.disposition' })}</div>` : nothing}
        ${entry.notes ? html`<p class="notes">${entry.notes}</p>` : nothing}
        <button class="redial" ?disabled=${!registered} aria-label=${msg(str`Call ${entry.number}`, { id: 'history.redial-label' })} @click=${() => void this.#redial(entry.number)}>
          ${msg('Call', { id: 'history.redial' })}
        </button>
      </li>
    `;
  }

  #clear(count: number): TemplateResult {
    if (!this.confirming) return html`<button class="clear" @click=${() => (this.confirming = true)}>${msg('Clear history', { id: 'history.clear' })}</button>`;
    return html`
      <div class="confirm" role="group" aria-labelledby="confirm-question">
        <p id="confirm-question">${msg(str`Delete all ${count} calls from your history? This cannot be undone.`, { id: 'history.clear-question' })}</p>
        <button class="clear-yes" @click=${() => void this.#clearNow()}>${msg('Delete', { id: 'history.clear-yes' })}</button>
        <button class="clear-no" @click=${() => (this.confirming = false)}>${msg('Cancel', { id: 'history.clear-no' })}</button>
      </div>
    `;
  }

  async #load(): Promise<void> {
    const history = this.core?.history;
    if (!history) return;
    try {
      this.entries = await history.list({ limit: SHOWN });
    } catch (error) {
      this.entries = [];
      this.problem = (error as Error).message;
    }
    // The agent is looking at the history: what was missed so far is seen.
    if (history.missed > 0) void history.markSeen();
  }

  async #redial(number: string): Promise<void> {
    this.problem = await problemOf(() => this.core?.lines.dial(number));
    if (!this.problem) this.#close();
  }

  async #clearNow(): Promise<void> {
    this.confirming = false;
    this.problem = await problemOf(() => this.core?.history.clear());
  }

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.#close();
  };

  #close(): void {
    this.dispatchEvent(new RsHistoryCloseEvent());
  }
}

define('rs-history', RsHistory);

declare global {
  interface HTMLElementTagNameMap {
    'rs-history': RsHistory;
  }
  interface HTMLElementEventMap {
    'rs-history-close': RsHistoryCloseEvent;
  }
}
