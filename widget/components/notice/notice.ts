import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, type TemplateResult } from 'lit';
import { linesController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';

/**
 * @summary A media problem in words, with how to fix it: the microphone denied, missing, in
 * use, blocked by the CRM's iframe, or a chosen device gone. Stays until dismissed or until
 * a call connects. A message the host asked for (`showNotice`) says that it is from the CRM,
 * so a page can never speak as the phone.
 */
export class RsNotice extends LitElement {
  static override styles = css`
    :host { display: block; }
    .notice { display: flex; gap: 0.5rem; align-items: start; margin: 0.5rem 0.75rem 0; padding: 0.5rem 0.75rem; border: 1px solid var(--rs-warn); border-radius: var(--rs-radius); background: var(--rs-surface-2); }
    p { margin: 0; flex: 1; }
    button { font: inherit; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface); cursor: pointer; }
  `;
  readonly #lines = linesController(this);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult | null {
    const notice = this.#lines.value?.notice;
    if (!notice) return null;
    return html`
      <div class="notice" role="alert" data-code=${notice.code}>
        ${notice.code === 'host_notice' ? html`<strong class="from">${msg('From the CRM:', { id: 'notice.from-host' })}</strong>` : null}
        <p>${notice.message}</p>
        <button @click=${() => this.#lines.core?.dismissNotice()}>${msg('Dismiss', { id: 'notice.dismiss' })}</button>
      </div>
    `;
  }
}

define('rs-notice', RsNotice);

declare global {
  interface HTMLElementTagNameMap {
    'rs-notice': RsNotice;
  }
}
