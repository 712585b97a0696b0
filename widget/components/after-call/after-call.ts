import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, type TemplateResult } from 'lit';
import { MAX_NOTES, type ChosenAgentState } from '../../../src/protocol/index.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { afterCallWorkController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';
import { problemOf } from '../problem-of.js';
import { styles } from './after-call.styles.js';

/** `m:ss` of a countdown. */
const minutes = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * @summary The wrap-up of an answered call (after-call work): a disposition from the tenant's
 * codes, notes (those typed during the call are there already), the state that follows, and
 * the time left. Done ends it; so does the timer, unless a required disposition is missing,
 * when the panel stays and asks for it. What is typed is kept across a reload.
 */
export class RsAfterCall extends LitElement {
  static override styles = styles;
  static override properties = { problem: { state: true } };
  declare problem: string;
  readonly #acw = afterCallWorkController(this);
  readonly #clock = new ClockController(this, () => this.#acw.core?.clock, () => Boolean(this.#acw.value?.afterCallWork?.deadline) && !this.#acw.value?.wrapUpOverdue);

  constructor() {
    super();
    this.problem = '';
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult {
    const value = this.#acw.value;
    const info = value?.afterCallWork;
    // Always there, so screen readers hear the wrap-up begin (a live region must exist before its text changes).
    const live = html`<p class="visually-hidden" role="status">${info ? msg('After-call work started', { id: 'acw.started' }) : ''}</p>`;
    if (!value || !info) return live;
    const reasons = this.#acw.core?.notReadyReasons ?? [];
    const who = info.call ? info.call.remoteName || info.call.remoteNumber : '';
    const next = value.wrapUpNext.state === 'not_ready' ? `nr:${value.wrapUpNext.reason}` : value.wrapUpNext.state;
    const left = info.deadline ? info.deadline - this.#clock.now() : 0;
    return html`
      ${live}
      <section aria-labelledby="acw-title">
        <header>
          <h2 id="acw-title">${msg('After-call work', { id: 'agent.acw' })}</h2>
          ${who ? html`<span class="who">${who}</span>` : null}
          ${info.deadline && !value.wrapUpOverdue ? html`<span class="left" role="timer" aria-label=${msg('Wrap-up time left', { id: 'acw.time-left' })}>${minutes(left)}</span>` : null}
        </header>
        ${value.wrapUpOverdue ? html`<p class="overdue" role="alert">${msg('Time is up. Choose a disposition to finish.', { id: 'acw.overdue' })}</p>` : null}
        <div class="field">
          <label for="disposition">${info.requireDisposition ? msg('Disposition (required)', { id: 'acw.disposition-required-label' }) : msg('Disposition', { id: 'acw.disposition' })}</label>
          <select id="disposition" ?required=${info.requireDisposition} .value=${info.disposition} @change=${this.#choose}>
            <option value="" ?selected=${!info.disposition}>${msg('None', { id: 'acw.no-disposition' })}</option>
            ${info.codes.map((c) => html`<option value=${c.code} ?selected=${c.code === info.disposition}>${c.label}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="notes">${msg('Notes', { id: 'acw.notes' })}</label>
          <textarea id="notes" maxlength=${MAX_NOTES} .value=${info.notes} @input=${this.#type}></textarea>
        </div>
        <div class="field">
          <label for="next">${msg('Then', { id: 'acw.then' })}</label>
          <select id="next" .value=${next} @change=${this.#chooseNext}>
            <option value="ready" ?selected=${next === 'ready'}>${msg('Ready', { id: 'agent.ready' })}</option>
            ${reasons.map((r) => html`<option value=${`nr:${r.code}`} ?selected=${next === `nr:${r.code}`}>${msg(str`Not ready: ${r.label}`, { id: 'agent.not-ready-reason' })}</option>`)}
            <option value="dnd" ?selected=${next === 'dnd'}>${msg('Do not disturb', { id: 'agent.dnd' })}</option>
          </select>
        </div>
        <div class="actions">
          <button type="button" @click=${this.#done}>${msg('Done', { id: 'acw.done' })}</button>
        </div>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      </section>
    `;
  }

  async #choose(event: Event): Promise<void> {
    const code = (event.target as HTMLSelectElement).value;
    this.problem = await problemOf(async () => this.#acw.core?.workflow.chooseDisposition(code));
  }

  #type(event: Event): void {
    this.#acw.core?.workflow.draftNotes((event.target as HTMLTextAreaElement).value);
  }

  async #chooseNext(event: Event): Promise<void> {
    const value = (event.target as HTMLSelectElement).value;
    const state: ChosenAgentState = value.startsWith('nr:') ? 'not_ready' : value === 'dnd' ? 'dnd' : 'ready';
    this.problem = await problemOf(async () => this.#acw.core?.workflow.chooseNext({ state, reason: value.startsWith('nr:') ? value.slice(3) : '' }));
  }

  async #done(): Promise<void> {
    this.problem = await problemOf(async () => this.#acw.core?.workflow.submit({}, 'agent'));
  }
}

define('rs-after-call', RsAfterCall);

declare global {
  interface HTMLElementTagNameMap {
    'rs-after-call': RsAfterCall;
  }
}
