import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { MAX_NOTES } from '../../../src/protocol/index.js';
import { agentController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';
import { problemOf } from '../problem-of.js';

/**
 * @summary Notes on the call the agent is on, typed while talking: kept as they are typed (a
 * reload keeps them), saved for the host when the agent leaves the field
 * (`OnCallNotesSubmitted`), and waiting in the wrap-up panel when the call ends.
 */
export class RsCallNotes extends LitElement {
  static override styles = css`
    :host { display: block; margin: 0 0.75rem 0.5rem; }
    summary { cursor: pointer; font-size: 0.9rem; }
    textarea { box-sizing: border-box; width: 100%; min-height: 3.5rem; margin-top: 0.3rem; font: inherit; padding: 0.25rem 0.4rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface); color: inherit; resize: vertical; }
    .problem { margin: 0; color: var(--rs-danger); font-size: 0.85rem; }
  `;
  static override properties = { callId: { type: String }, problem: { state: true } };
  declare callId: string;
  declare problem: string;
  /** Only the core: the notes are the agent's own typing, not something to redraw on every change. */
  readonly #agent = agentController(this);

  constructor() {
    super();
    this.callId = '';
    this.problem = '';
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult {
    return html`
      <details>
        <summary>${msg('Notes', { id: 'acw.notes' })}</summary>
        <textarea id="notes" aria-label=${msg('Notes', { id: 'acw.notes' })} maxlength=${MAX_NOTES} @input=${this.#type} @change=${this.#save}></textarea>
      </details>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
    `;
  }

  /** A new call: its notes so far (after a reload, or written by the host). */
  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('callId')) return;
    const area = this.renderRoot.querySelector('textarea');
    if (area) area.value = this.#agent.core?.workflow.notesOf(this.callId) ?? '';
  }

  #type(event: Event): void {
    this.#agent.core?.workflow.draftNotes((event.target as HTMLTextAreaElement).value, this.callId);
  }

  async #save(event: Event): Promise<void> {
    const notes = (event.target as HTMLTextAreaElement).value;
    this.problem = await problemOf(async () => this.#agent.core?.workflow.saveNotes(notes, this.callId));
  }
}

define('rs-call-notes', RsCallNotes);

declare global {
  interface HTMLElementTagNameMap {
    'rs-call-notes': RsCallNotes;
  }
}
