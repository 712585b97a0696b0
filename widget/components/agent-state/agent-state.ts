import { getLocale } from '../../i18n/locale.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, type TemplateResult } from 'lit';
import { agentController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';
import { styles } from './agent-state.styles.js';

/** Not-ready reasons offered when the tenant has none configured; a function, so the label is in the language shown. */
const fallbackReasons = () => [{ code: 'NOT_READY', label: msg('Not ready', { id: 'agent.not-ready' }) }];

/**
 * @summary The agent's state, always in view: Ready or Not ready (with the tenant's reasons),
 * and since when (a clock time, so an idle phone needs no timer to keep it true; hosts get the
 * duration from the status). Changing it here is the same as the host's `ready` / `notReady`.
 */
export class RsAgentState extends LitElement {
  static override styles = styles;
  static override properties = { problem: { state: true } };
  declare problem: string;
  readonly #agent = agentController(this);

  constructor() {
    super();
    this.problem = '';
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult | null {
    const value = this.#agent.value;
    if (!value) return null;
    const { agentState } = value;
    const reasons = this.#agent.core?.notReadyReasons ?? fallbackReasons();
    const selected = agentState.ready ? 'ready' : agentState.reason;
    const since = new Intl.DateTimeFormat(getLocale(), { hour: '2-digit', minute: '2-digit' }).format(agentState.since);
    return html`
      <div class="state" data-ready=${agentState.ready ? 'true' : 'false'}>
        <label>
          <span class="visually-hidden">${msg('Agent state', { id: 'agent.label' })}</span>
          <select @change=${this.#change} .value=${selected}>
            <option value="ready" ?selected=${agentState.ready}>${msg('Ready', { id: 'agent.ready' })}</option>
            ${reasons.map((reason) => html`<option value=${reason.code} ?selected=${!agentState.ready && agentState.reason === reason.code}>${msg(str`Not ready: ${reason.label}`, { id: 'agent.not-ready-reason' })}</option>`)}
            ${!agentState.ready && !reasons.some((r) => r.code === agentState.reason) ? html`<option value=${agentState.reason} selected>${msg(str`Not ready: ${agentState.reason}`, { id: 'agent.not-ready-reason' })}</option>` : null}
          </select>
        </label>
        <span class="since">${msg(str`since ${since}`, { id: 'agent.since' })}</span>
      </div>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
    `;
  }

  #change(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    try {
      this.#agent.core?.setAgentState(value === 'ready', value === 'ready' ? '' : value);
      this.problem = '';
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }
}

define('rs-agent-state', RsAgentState);

declare global {
  interface HTMLElementTagNameMap {
    'rs-agent-state': RsAgentState;
  }
}
