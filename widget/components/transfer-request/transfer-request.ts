import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, type TemplateResult } from 'lit';
import type { TransferRequest } from '../../../src/protocol/index.js';
import { linesController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';
import { styles } from '../call-card.styles.js';

/**
 * @summary The far end of a call asks the phone to call someone else (a REFER, tenant policy
 * `ask`): who asks, which number, and Accept / Decline. Unanswered, the phone declines it.
 */
export class RsTransferRequest extends LitElement {
  static override styles = styles;
  static override properties = { request: { attribute: false }, problem: { state: true } };
  declare request: TransferRequest | undefined;
  declare problem: string;
  readonly #widget = linesController(this);

  constructor() {
    super();
    this.problem = '';
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult | null {
    const request = this.request;
    if (!request) return null;
    const who = request.fromName || request.fromNumber;
    return html`
      <section class="card ringing" role="group" aria-live="assertive" aria-labelledby="title" aria-describedby="what">
        <p class="label" id="title">${msg('Transfer request', { id: 'transfer-request.title' })}</p>
        <p class="who" id="what">
          <span class="from">${who}</span>${request.fromIdentity === 'claimed' ? html` <span class="unverified" data-identity="claimed">${msg('Unverified', { id: 'caller.unverified' })}</span>` : null}
          ${request.attended
            ? msg(html`asks you to call <span class="target">${request.target}</span> (to replace a call there)`, { id: 'transfer-request.ask-replace' })
            : msg(html`asks you to call <span class="target">${request.target}</span>`, { id: 'transfer-request.ask' })}
        </p>
        <p class="number">${msg('If you do not answer, the request is declined.', { id: 'transfer-request.unanswered' })}</p>
        <div class="actions">
          <button class="ok" @click=${() => this.#answer(true)}>${msg('Accept', { id: 'transfer-request.accept' })}</button>
          <button class="danger" @click=${() => this.#answer(false)}>${msg('Decline', { id: 'transfer-request.decline' })}</button>
        </div>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      </section>
    `;
  }

  async #answer(accept: boolean): Promise<void> {
    const request = this.request;
    if (!request) return;
    try {
      await this.#widget.core?.answerTransferRequest(request.requestId, accept);
    } catch (error) {
      // Answered too late (timed out, or the call ended): say so instead of failing silently.
      this.problem = (error as Error).message;
    }
  }
}

define('rs-transfer-request', RsTransferRequest);

declare global {
  interface HTMLElementTagNameMap {
    'rs-transfer-request': RsTransferRequest;
  }
}
