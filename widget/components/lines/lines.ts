import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, type TemplateResult } from 'lit';
import { formatDuration, type CallInfo } from '../../../src/protocol/index.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { linesController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';
import { problemOf } from '../problem-of.js';
import { callStateLabel, talkSeconds } from '../call-labels.js';
import { styles } from './lines.styles.js';

/**
 * @summary The agent's lines when there is more than one call: each call (ringing, active,
 * held) with its state and time, the current one marked; Resume on a held line (which holds
 * the current one), Hang up on each.
 */
export class RsLines extends LitElement {
  static override styles = styles;
  static override properties = { problem: { state: true } };
  declare problem: string;
  readonly #lines = linesController(this);
  readonly #clock = new ClockController(this, () => this.#lines.core?.clock, () => Boolean(this.#lines.value?.calls.some((c) => c.state === 'active')));

  constructor() {
    super();
    this.problem = '';
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult | null {
    const calls = this.#lines.value?.calls ?? [];
    const current = this.#lines.core?.lines.current;
    return html`
      <ul aria-label=${msg('Lines', { id: 'lines.label' })}>
        ${calls.map((call, index) => this.#line(call, index + 1, call.callId === current?.callId))}
      </ul>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
    `;
  }

  #line(call: CallInfo, number: number, isCurrent: boolean): TemplateResult {
    const held = call.state === 'active' && call.held;
    return html`
      <li class="line" data-state=${call.state} data-held=${held ? 'true' : 'false'} aria-current=${isCurrent ? 'true' : 'false'} data-call-id=${call.callId}>
        <span class="index">${msg(str`Line ${number}`, { id: 'lines.line' })}</span>
        <span class="who">${call.remoteName || call.remoteNumber}</span>
        <span class="state">${callStateLabel(call)}</span>
        <span class="timer">${call.state === 'active' ? formatDuration(talkSeconds(call, this.#clock.now())) : ''}</span>
        <span class="buttons">
          ${held && !call.conference ? html`<button class="resume" @click=${() => this.#run(() => this.#lines.core?.lines.unhold(call.callId))}>${msg('Resume', { id: 'lines.resume' })}</button>` : null}
          ${call.state !== 'ringing' ? html`<button class="danger" aria-label=${msg(str`Hang up line ${number}`, { id: 'lines.hang-up-line' })} @click=${() => this.#run(() => this.#lines.core?.lines.hangUp(call.callId))}>${msg('Hang up', { id: 'call.hang-up' })}</button>` : null}
        </span>
      </li>
    `;
  }

  async #run(command: () => Promise<unknown> | undefined): Promise<void> {
    this.problem = await problemOf(command);
  }
}

define('rs-lines', RsLines);

declare global {
  interface HTMLElementTagNameMap {
    'rs-lines': RsLines;
  }
}
