import { LitElement, html, type TemplateResult } from 'lit';
import { formatDuration, type CallInfo, type CallStateName } from '../../../src/protocol/index.js';
import { WidgetController } from '../../controllers/widget-controller.js';
import { define } from '../../define.js';
import { callerId } from '../caller-id.js';
import { styles } from '../call-card.styles.js';

function label(state: CallStateName): string {
  switch (state) {
    case 'dialing':
      return 'Calling…';
    case 'early':
      return 'Ringing…';
    case 'active':
      return 'In call';
    case 'ringing':
      return 'Incoming call';
    case 'ended':
      return 'Call ended';
  }
}

/**
 * @summary A call being placed or in progress: who, state, timer, Mute and Hang up.
 */
export class RsActiveCall extends LitElement {
  static override styles = styles;
  static override properties = { call: { attribute: false } };
  declare call: CallInfo | undefined;
  readonly #widget = new WidgetController(this);

  override render(): TemplateResult | null {
    const call = this.call;
    if (!call) return null;
    const active = call.state === 'active';
    return html`
      <section class="card" aria-label="Current call">
        <p class="label">${label(call.state)}</p>
        ${callerId(call)}
        <p class="timer" aria-label="Call duration">${formatDuration(call.duration)}</p>
        <div class="actions">
          <button ?disabled=${!active} aria-pressed=${call.muted ? 'true' : 'false'} @click=${() => this.#widget.core?.setMuted(!call.muted, call.callId)}>
            ${call.muted ? 'Unmute' : 'Mute'}
          </button>
          <button class="danger" @click=${() => this.#widget.core?.hangUp(call.callId)}>Hang up</button>
        </div>
      </section>
    `;
  }
}

define('rs-active-call', RsActiveCall);

declare global {
  interface HTMLElementTagNameMap {
    'rs-active-call': RsActiveCall;
  }
}
