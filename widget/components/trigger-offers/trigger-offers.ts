import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, type TemplateResult } from 'lit';
import { CoreController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';
import { PhoneTriggersController } from '../../controllers/phone-triggers-controller.js';

/**
 * @summary The window triggers the phone runs itself (embedded without `<ringside-phone>`),
 * offered as one-click "Open …" buttons: a ringing call is no user gesture, so a window opened
 * for it would be blocked; the agent's click is one. One button per trigger, the newest three,
 * each dismissable. Defined by the phone's trigger chunk; `<rs-app>` places the tag.
 */
export class RsTriggerOffers extends LitElement {
  static override styles = css`
    :host { display: block; }
    ul { list-style: none; margin: 0.5rem 0.75rem 0; padding: 0; display: flex; flex-direction: column; gap: 0.25rem; }
    li { display: flex; gap: 0.25rem; align-items: center; }
    button { font: inherit; border-radius: var(--rs-radius); cursor: pointer; }
    .open { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; text-align: start; padding: 0.25rem 0.5rem; border: 1px solid var(--rs-accent); background: var(--rs-accent); color: #fff; }
    .dismiss { border: 1px solid var(--rs-border); background: var(--rs-surface); min-width: 1.75rem; }
  `;
  readonly #core = new CoreController(this, () => ({}));
  readonly #triggers = new PhoneTriggersController(this, () => this.#core.core?.triggers);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult | null {
    const triggers = this.#triggers.value;
    const offers = triggers?.offers ?? [];
    if (!offers.length) return null;
    return html`<ul aria-label=${msg('CRM pages to open', { id: 'trigger-offers.label' })}>
      ${offers.map(
        (offer) => html`<li data-trigger=${offer.trigger} data-key=${offer.key}>
          <button class="open" title=${offer.url} @click=${() => triggers?.open(offer.key)}>${msg(str`Open ${offer.label}`, { id: 'trigger-offers.open' })}</button>
          <button class="dismiss" aria-label=${msg(str`Dismiss: open ${offer.label}`, { id: 'trigger-offers.dismiss' })} @click=${() => triggers?.dismiss(offer.key)}>×</button>
        </li>`,
      )}
    </ul>`;
  }
}

define('rs-trigger-offers', RsTriggerOffers);

declare global {
  interface HTMLElementTagNameMap {
    'rs-trigger-offers': RsTriggerOffers;
  }
}
