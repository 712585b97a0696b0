import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, type TemplateResult } from 'lit';
import { linesController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/**
 * @summary The in-call keypad: each key sends its DTMF tone on the call (RFC 4733, or SIP INFO
 * when the tenant chose it), and the tones sent so far are shown. Digit keys typed on the
 * keyboard work too while the keypad has focus.
 */
export class RsKeypad extends LitElement {
  static override styles = css`
    :host { display: block; margin-top: 0.5rem; }
    .sent { min-height: 1.4em; margin: 0 0 0.25rem; font-variant-numeric: tabular-nums; letter-spacing: 0.1em; }
    .keys { display: grid; grid-template-columns: repeat(3, 1fr); gap: 0.35rem; }
    button { font: inherit; font-size: 1.1rem; padding: 0.45rem; border-radius: var(--rs-radius); border: 1px solid var(--rs-border); background: var(--rs-surface-2); color: inherit; cursor: pointer; }
    .problem { color: var(--rs-danger); font-size: 0.85rem; margin: 0.25rem 0 0; }
  `;
  static override properties = { callId: { attribute: false }, sent: { state: true }, problem: { state: true } };
  declare callId: string;
  declare sent: string;
  declare problem: string;
  readonly #lines = linesController(this);

  constructor() {
    super();
    this.callId = '';
    this.sent = '';
    this.problem = '';
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult {
    return html`
      <div role="group" aria-label=${msg('Keypad', { id: 'call.keypad' })} @keydown=${this.#typed}>
        <p class="sent" aria-live="polite">${this.sent}</p>
        <div class="keys">${KEYS.map((key) => html`<button type="button" aria-label=${msg(str`Tone ${key}`, { id: 'keypad.tone' })} @click=${() => this.#send(key)}>${key}</button>`)}</div>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      </div>
    `;
  }

  #typed(event: KeyboardEvent): void {
    if ((KEYS as readonly string[]).includes(event.key) && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      void this.#send(event.key);
    }
  }

  async #send(key: string): Promise<void> {
    try {
      await this.#lines.core?.lines.sendDtmf(key, this.callId);
      this.sent = (this.sent + key).slice(-24);
      this.problem = '';
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }
}

define('rs-keypad', RsKeypad);

declare global {
  interface HTMLElementTagNameMap {
    'rs-keypad': RsKeypad;
  }
}
