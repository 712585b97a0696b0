import { msg } from '@lit/localize';
import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { WidgetCore } from '../../services/widget-core.js';
import { FollowController } from '../settings/follow-controller.js';

/** For `<rs-app>`'s styles: the History button, with its missed-calls badge, sits in the status bar. */
export const historyOpenerStyles = css`
  .history-button { font: inherit; font-size: 0.85rem; padding: 0.15rem 0.5rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface); color: inherit; cursor: pointer; }
  .history-button[aria-expanded='true'] { border-color: var(--rs-ok); }
  .history-button .badge { display: inline-block; min-width: 1.1rem; margin-inline-start: 0.1rem; padding: 0 0.3rem; border-radius: 999px; background: var(--rs-danger); color: #fff; font-size: 0.75rem; font-weight: 600; line-height: 1.1rem; text-align: center; }
`;

/**
 * The History button (with the count of missed calls the agent has not seen) and the history
 * view it opens, for `<rs-app>`. The view's code loads the first time it opens, so the phone's
 * first load does not carry it. Opening the history clears the badge; on close, focus goes
 * back to the button. Re-renders the host when the history changes (a call ended, a wrap-up).
 */
export class HistoryOpener {
  readonly #host: ReactiveControllerHost;
  readonly #core: () => WidgetCore | null;
  #opener: HTMLElement | null = null;
  #open = false;

  constructor(host: ReactiveControllerHost, core: () => WidgetCore | null) {
    this.#host = host;
    this.#core = core;
    new FollowController(host, () => this.#core()?.history);
  }

  /** True while the history view is shown (the dial pad gives it the room). */
  get isOpen(): boolean {
    return this.#open && Boolean(this.#core()?.snapshot().agent);
  }

  /** Slotted into `<rs-status-bar>`, while an agent is logged in: the history is theirs. */
  button(): TemplateResult | typeof nothing {
    const core = this.#core();
    if (!core?.snapshot().agent) return nothing;
    const missed = core.history.missed;
    const toggle = (event: Event) => {
      this.#opener = event.currentTarget as HTMLElement;
      void (this.#open ? this.close() : this.open());
    };
    return html`<button class="history-button" aria-expanded=${this.#open ? 'true' : 'false'} @click=${toggle}>
      ${msg('History', { id: 'history.open' })}${missed
        ? html` <span class="badge">${missed}<span class="visually-hidden"> ${msg('missed', { id: 'history.missed-badge' })}</span></span>`
        : nothing}
    </button>`;
  }

  panel(): TemplateResult | typeof nothing {
    const core = this.#core();
    // A logout closes the view: the next agent to log in finds it closed.
    if (!core?.snapshot().agent) this.#open = false;
    return this.#open && core ? html`<rs-history .core=${core} @rs-history-close=${() => void this.close()}></rs-history>` : nothing;
  }

  async open(): Promise<void> {
    try {
      await import('./history.js');
    } catch {
      // Offline or a failed deploy: the view stays closed, and the next click tries again.
      return;
    }
    this.#open = true;
    this.#host.requestUpdate();
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    this.#host.requestUpdate();
    await this.#host.updateComplete;
    if (this.#opener?.isConnected) this.#opener.focus();
  }
}
