import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, type TemplateResult } from 'lit';
import { linesController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';
import { problemOf } from '../problem-of.js';

const DIALABLE = /^[+]?[0-9A-Za-z*#._-]{1,64}$/;

/**
 * @summary Transfer the current call: to a number at once (blind), or after talking to them
 * first (consult). During a consultation: complete the transfer, merge all three into a
 * conference, switch between the caller and the consulted party, or cancel (the caller is
 * taken off hold). Loaded the first time the agent opens it.
 *
 * @fires close - The agent closed the dialog without transferring.
 */
export class RsTransferDialog extends LitElement {
  static override styles = css`
    :host { display: block; margin-top: 0.5rem; text-align: left; }
    form, .consult { display: grid; gap: 0.4rem; padding: 0.5rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); }
    h2 { margin: 0; font-size: 0.95rem; }
    input { font: inherit; padding: 0.35rem 0.5rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); }
    .buttons { display: flex; flex-wrap: wrap; gap: 0.35rem; }
    button { font: inherit; padding: 0.35rem 0.7rem; border-radius: var(--rs-radius); border: 1px solid var(--rs-border); background: var(--rs-surface-2); color: inherit; cursor: pointer; }
    button:disabled { opacity: 0.5; cursor: not-allowed; }
    .ok { background: var(--rs-ok); border-color: var(--rs-ok); color: white; }
    .problem { margin: 0; color: var(--rs-danger); font-size: 0.85rem; }
  `;
  static override properties = { callId: { attribute: false }, target: { state: true }, problem: { state: true } };
  declare callId: string;
  declare target: string;
  declare problem: string;
  readonly #lines = linesController(this);

  constructor() {
    super();
    this.callId = '';
    this.target = '';
    this.problem = '';
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult | null {
    const consultation = this.#lines.value?.consultation;
    return consultation ? this.#consulting(consultation.target, consultation.state === 'connected') : this.#choose();
  }

  #choose(): TemplateResult {
    const valid = DIALABLE.test(this.target.trim());
    return html`
      <form aria-labelledby="title" @submit=${(event: Event) => event.preventDefault()}>
        <h2 id="title">${msg('Transfer to', { id: 'transfer.title' })}</h2>
        <input aria-label=${msg('Number to transfer to', { id: 'transfer.number' })} inputmode="tel" autocomplete="off" maxlength="64" .value=${this.target} @input=${(e: Event) => (this.target = (e.target as HTMLInputElement).value)} />
        <div class="buttons">
          <button class="ok blind" ?disabled=${!valid} @click=${() => this.#run(() => this.#lines.core?.lines.blindTransfer(this.target.trim(), this.callId))}>${msg('Transfer now', { id: 'transfer.blind' })}</button>
          <button class="consult" ?disabled=${!valid} @click=${() => this.#run(() => this.#lines.core?.lines.attendedTransfer(this.target.trim(), this.callId))}>${msg('Consult first', { id: 'transfer.consult' })}</button>
          <button class="close" type="button" @click=${() => this.dispatchEvent(new Event('close'))}>${msg('Cancel', { id: 'transfer.cancel' })}</button>
        </div>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      </form>
    `;
  }

  #consulting(target: string, connected: boolean): TemplateResult {
    const phone = this.#lines.core?.phone;
    return html`
      <div class="consult" role="group" aria-labelledby="title">
        <h2 id="title">${connected ? msg(str`Talking to ${target}`, { id: 'transfer.talking' }) : msg(str`Calling ${target}…`, { id: 'transfer.calling' })}</h2>
        <div class="buttons">
          <button class="ok complete" ?disabled=${!connected} @click=${() => this.#run(() => phone?.completeAttendedTransfer())}>${msg('Complete transfer', { id: 'transfer.complete' })}</button>
          <button class="conference" ?disabled=${!connected} @click=${() => this.#run(() => phone?.conference())}>${msg('Conference all three', { id: 'transfer.conference' })}</button>
          <button class="switch" ?disabled=${!connected} @click=${() => this.#run(() => phone?.changeActiveLine())}>${msg('Switch line', { id: 'transfer.switch' })}</button>
          <button class="cancel" @click=${() => this.#run(() => phone?.cancelAttendedTransfer())}>${msg('Cancel transfer', { id: 'transfer.cancel-consult' })}</button>
        </div>
        ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
      </div>
    `;
  }

  async #run(command: () => Promise<unknown> | undefined): Promise<void> {
    this.problem = await problemOf(command);
  }
}

define('rs-transfer-dialog', RsTransferDialog);

declare global {
  interface HTMLElementTagNameMap {
    'rs-transfer-dialog': RsTransferDialog;
  }
}
