import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { define } from '../../define.js';
import { AdminKeyDismissedEvent } from '../../events.js';
import { shared } from '../shared.styles.js';

/**
 * @summary Shows a new API key once: read-only, selectable, with a Copy button and a plain
 * warning that it will not be shown again. Takes focus when it appears, so the admin (and a
 * screen reader) lands on it.
 *
 * @fires rs-admin-key-dismissed - The admin is done with the key (the page forgets it).
 */
export class RsAdminKeyReveal extends LitElement {
  static override styles = [
    shared,
    css`
      .box { border: 2px solid var(--_accent); border-radius: var(--_radius); padding: 0.75rem; display: grid; gap: 0.5rem; }
      .warning { margin: 0; font-weight: 600; }
      input { font-family: ui-monospace, monospace; width: 100%; box-sizing: border-box; }
    `,
  ];
  static override properties = { apiKey: { attribute: false }, heading: {}, copied: { state: true } };
  /** The key, in full. */
  declare apiKey: string;
  declare heading: string;
  declare copied: '' | 'copied' | 'failed';

  constructor() {
    super();
    this.apiKey = '';
    this.heading = 'New API key';
    this.copied = '';
  }

  override render(): TemplateResult {
    return html`
      <div class="box" role="group" aria-labelledby="reveal-heading">
        <h3 id="reveal-heading" tabindex="-1">${this.heading}</h3>
        <p class="warning" id="reveal-warning">Copy this key now and keep it secret. You will not see it again.</p>
        <label for="api-key">API key</label>
        <input id="api-key" name="apiKey" readonly .value=${this.apiKey} aria-describedby="reveal-warning" @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <div class="actions">
          <button type="button" class="primary" @click=${this.#copy}>Copy key</button>
          <button type="button" @click=${this.#done}>I have copied it</button>
        </div>
        <p role="status" class="hint">
          ${this.copied === 'copied' ? 'Copied to the clipboard.' : this.copied === 'failed' ? 'Copying was not allowed here: select the key and copy it yourself.' : nothing}
        </p>
      </div>
    `;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLElement>('#reveal-heading')?.focus();
  }

  async #copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.apiKey);
      this.copied = 'copied';
    } catch {
      this.copied = 'failed';
      this.renderRoot.querySelector<HTMLInputElement>('#api-key')?.focus();
    }
  }

  #done(): void {
    this.dispatchEvent(new AdminKeyDismissedEvent());
  }
}

define('rs-admin-key-reveal', RsAdminKeyReveal);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-key-reveal': RsAdminKeyReveal;
  }
}
