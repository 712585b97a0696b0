import { getLocale } from '../../i18n/locale.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, type TemplateResult } from 'lit';
import { agentController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';
import { problemOf } from '../problem-of.js';
import { styles } from './agent-state.styles.js';

/** Not-ready reasons offered when the tenant has none configured; a function, so the label is in the language shown. */
const fallbackReasons = () => [{ code: 'NOT_READY', label: msg('Not ready', { id: 'agent.not-ready' }) }];

/** The menu's value for a state: `ready`, `dnd`, `acw`, or `nr:<reason>` for not ready. */
const valueOf = (state: string, reason: string) => (state === 'not_ready' ? `nr:${reason}` : state === 'after_call_work' ? 'acw' : state);

/**
 * @summary The agent's state, always in view: Ready, Not ready (with the tenant's reasons),
 * Do not disturb, or After-call work while a call is wrapped up, and since when (a clock time,
 * so an idle phone needs no timer to keep it true; hosts get the duration from the status).
 * Changing it here is the same as the host's `setAgentState`; during after-call work it ends
 * the wrap-up, so a required disposition must be chosen first.
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
    const { state, reason } = agentState;
    const reasons = this.#agent.core?.notReadyReasons ?? fallbackReasons();
    const selected = valueOf(state, reason);
    const since = new Intl.DateTimeFormat(getLocale(), { hour: '2-digit', minute: '2-digit' }).format(agentState.since);
    const unlisted = state === 'not_ready' && !reasons.some((r) => r.code === reason);
    return html`
      <div class="state" data-state=${state} data-ready=${agentState.ready ? 'true' : 'false'}>
        <label>
          <span class="visually-hidden">${msg('Agent state', { id: 'agent.label' })}</span>
          <select @change=${this.#change} .value=${selected}>
            <option value="ready" ?selected=${state === 'ready'}>${msg('Ready', { id: 'agent.ready' })}</option>
            ${reasons.map((r) => html`<option value=${`nr:${r.code}`} ?selected=${selected === `nr:${r.code}`}>${msg(str`Not ready: ${r.label}`, { id: 'agent.not-ready-reason' })}</option>`)}
            ${unlisted ? html`<option value=${selected} selected>${msg(str`Not ready: ${reason}`, { id: 'agent.not-ready-reason' })}</option>` : null}
            <option value="dnd" ?selected=${state === 'dnd'}>${msg('Do not disturb', { id: 'agent.dnd' })}</option>
            ${state === 'after_call_work' ? html`<option value="acw" selected disabled>${msg('After-call work', { id: 'agent.acw' })}</option>` : null}
          </select>
        </label>
        <span class="since">${msg(str`since ${since}`, { id: 'agent.since' })}</span>
      </div>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : null}
    `;
  }

  async #change(event: Event): Promise<void> {
    const select = event.target as HTMLSelectElement;
    const value = select.value;
    const core = this.#agent.core;
    if (!core) return;
    this.problem = await problemOf(async () => {
      if (value === 'ready' || value === 'dnd') core.setAgentState(value);
      else if (value.startsWith('nr:')) core.setAgentState('not_ready', value.slice(3));
    });
    // Refused (a required disposition is missing): show the state as it is.
    const { state, reason } = core.snapshot().agentState;
    select.value = valueOf(state, reason);
  }
}

define('rs-agent-state', RsAgentState);

declare global {
  interface HTMLElementTagNameMap {
    'rs-agent-state': RsAgentState;
  }
}
