import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, type TemplateResult } from 'lit';
import { linesController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';
import { styles } from './dial-pad.styles.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/**
 * @summary Number field, keypad and Call button; shown while no call is up.
 */
export class RsDialPad extends LitElement {
  static override styles = styles;
  static override properties = { number: { state: true }, problem: { state: true } };
  declare number: string;
  declare problem: string;
  readonly #widget = linesController(this);

  constructor() {
    super();
    this.number = '';
    this.problem = '';
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult {
    const ready = this.#widget.value?.state === 'registered';
    return html`
      <form @submit=${this.#call}>
        <input
          name="number"
          aria-label=${msg('Number to dial', { id: 'dial.number' })}
          inputmode="tel"
          autocomplete="off"
          maxlength="64"
          .value=${this.number}
          @input=${(e: Event) => (this.number = (e.target as HTMLInputElement).value)}
        />
        <div class="keys">
          ${KEYS.map((key) => html`<button type="button" @click=${() => (this.number += key)}>${key}</button>`)}
        </div>
        <button class="call" type="submit" ?disabled=${!ready || this.number.trim() === ''}>${msg('Call', { id: 'dial.call' })}</button>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      </form>
    `;
  }

  async #call(event: Event): Promise<void> {
    event.preventDefault();
    const number = this.number.trim();
    if (!number) return;
    if (!/^[+]?[0-9A-Za-z*#._-]+$/.test(number)) {
      this.problem = msg('Use digits, +, * or #.', { id: 'dial.invalid-number' });
      return;
    }
    this.problem = '';
    try {
      await this.#widget.core?.lines.dial(number);
      this.number = '';
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }
}

define('rs-dial-pad', RsDialPad);

declare global {
  interface HTMLElementTagNameMap {
    'rs-dial-pad': RsDialPad;
  }
}
