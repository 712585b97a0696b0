import { LitElement, html, type TemplateResult } from 'lit';
import type { RegistrationStateName } from '../../../src/protocol/index.js';
import { WidgetController } from '../../controllers/widget-controller.js';
import { define } from '../../define.js';
import { styles } from './status-bar.styles.js';

function label(state: RegistrationStateName): string {
  switch (state) {
    case 'logged_out':
      return 'Logged out';
    case 'logging_in':
      return 'Logging in…';
    case 'registering':
      return 'Connecting…';
    case 'registered':
      return 'Ready';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'failed':
      return 'Not connected';
  }
}

/**
 * @summary Who is logged in, the registration state, and the last error in words.
 */
export class RsStatusBar extends LitElement {
  static override styles = styles;
  readonly #widget = new WidgetController(this);

  override render(): TemplateResult {
    const { state, agent, error } = this.#widget.snapshot;
    return html`
      <div class="bar" data-state=${state}>
        <span class="dot" aria-hidden="true"></span>
        <span class="state" role="status">${label(state)}</span>
        ${agent ? html`<span class="agent">${agent.displayName} · ${agent.extension}</span>` : null}
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
