import { LitElement, html, type TemplateResult } from 'lit';
import type { CallInfo } from '../../../src/protocol/index.js';
import { WidgetController } from '../../controllers/widget-controller.js';
import { define } from '../../define.js';
import { callerId } from '../caller-id.js';
import { styles } from '../call-card.styles.js';

/**
 * @summary A ringing inbound call: caller id, queue, Answer and Reject.
 */
export class RsIncomingCall extends LitElement {
  static override styles = styles;
  static override properties = { call: { attribute: false } };
  declare call: CallInfo | undefined;
  readonly #widget = new WidgetController(this);

  override render(): TemplateResult | null {
    const call = this.call;
    if (!call) return null;
    return html`
      <section class="card ringing" aria-live="assertive" aria-label="Incoming call">
        <p class="label">Incoming call${call.queue ? html` · <span class="queue">${call.queue}</span>` : null}</p>
        ${callerId(call)}
        <div class="actions">
          <button class="ok" @click=${() => this.#widget.core?.answer(call.callId)}>Answer</button>
          <button class="danger" @click=${() => this.#widget.core?.reject(call.callId)}>Reject</button>
        </div>
      </section>
    `;
  }
}

define('rs-incoming-call', RsIncomingCall);

declare global {
  interface HTMLElementTagNameMap {
    'rs-incoming-call': RsIncomingCall;
  }
}
