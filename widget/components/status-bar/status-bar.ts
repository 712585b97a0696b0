import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, type TemplateResult } from 'lit';
import type { RegistrationStateName } from '../../../src/protocol/index.js';
import { registrationController } from '../../controllers/core-controller.js';
import { define } from '../../define.js';
import { styles } from './status-bar.styles.js';

/** The connection in words. The agent's ready / not ready is `<rs-agent-state>`'s, not this bar's. */
function label(state: RegistrationStateName): string {
  switch (state) {
    case 'logged_out':
      return msg('Logged out', { id: 'registration.logged_out' });
    case 'logging_in':
      return msg('Logging in…', { id: 'registration.logging_in' });
    case 'registering':
      return msg('Connecting…', { id: 'registration.registering' });
    case 'registered':
      return msg('Connected', { id: 'registration.registered' });
    case 'reconnecting':
      return msg('Reconnecting…', { id: 'registration.reconnecting' });
    case 'failed':
      return msg('Not connected', { id: 'registration.failed' });
  }
}

/**
 * @summary Who is logged in, whether the phone is connected, and the last error in words.
 */
export class RsStatusBar extends LitElement {
  static override styles = styles;
  readonly #registration = registrationController(this);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult {
    const { state = 'logged_out', agent = null, error = null } = this.#registration.value ?? {};
    return html`
      <div class="bar" data-state=${state}>
        <span class="dot" aria-hidden="true"></span>
        <span class="state" role="status">${label(state)}</span>
        ${agent ? html`<span class="agent">${agent.displayName} · ${agent.extension}</span>` : null}
        <slot></slot>
      </div>
      ${error ? html`<p class="error" role="alert" data-code=${error.code}>${error.message}</p>` : null}
    `;
  }
}

define('rs-status-bar', RsStatusBar);

declare global {
  interface HTMLElementTagNameMap {
    'rs-status-bar': RsStatusBar;
  }
}
