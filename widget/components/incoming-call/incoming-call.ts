import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, type TemplateResult } from 'lit';
import type { CallInfo } from '../../../src/protocol/index.js';
import { linesController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';
import { problemOf } from '../problem-of.js';
import { callerId } from '../caller-id.js';
import { styles } from '../call-card.styles.js';

/**
 * @summary A ringing inbound call: caller id, queue, Answer and Reject. During another call
 * it is a waiting call: Answer holds the current call first.
 */
export class RsIncomingCall extends LitElement {
  static override styles = styles;
  static override properties = { call: { attribute: false }, waiting: { type: Boolean }, problem: { state: true } };
  declare call: CallInfo | undefined;
  declare waiting: boolean;
  declare problem: string;
  readonly #lines = linesController(this);

  constructor() {
    super();
    this.waiting = false;
    this.problem = '';
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult | null {
    const call = this.call;
    if (!call) return null;
    const title = this.waiting ? msg('Call waiting', { id: 'incoming.waiting' }) : msg('Incoming call', { id: 'call.ringing' });
    return html`
      <section class="card ringing" data-waiting=${this.waiting ? 'true' : 'false'} aria-label=${title}>
        <p class="label">${title}${call.queue ? html` · <span class="queue">${call.queue}</span>` : null}</p>
        ${callerId(call)}
        <div class="actions">
          <button class="ok" @click=${() => this.#run(() => this.#lines.core?.lines.answer(call.callId))}>${this.waiting ? msg('Hold and answer', { id: 'incoming.hold-and-answer' }) : msg('Answer', { id: 'incoming.answer' })}</button>
          <button class="danger" @click=${() => this.#run(() => this.#lines.core?.lines.reject(call.callId))}>${msg('Reject', { id: 'incoming.reject' })}</button>
        </div>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      </section>
    `;
  }

  async #run(command: () => Promise<unknown> | undefined): Promise<void> {
    this.problem = await problemOf(command);
  }
}

define('rs-incoming-call', RsIncomingCall);

declare global {
  interface HTMLElementTagNameMap {
    'rs-incoming-call': RsIncomingCall;
  }
}
