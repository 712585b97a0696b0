import { msg } from '@lit/localize';
import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Desk } from '../../services/desk.js';
import './device-notice.js';

/** For `<rs-app>`'s styles: the Settings button sits in the status bar. */
export const openerStyles = css`
  .settings-button { font: inherit; font-size: 0.85rem; padding: 0.15rem 0.5rem; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface); color: inherit; cursor: pointer; }
  .settings-button[aria-expanded='true'] { border-color: var(--rs-ok); }
`;

/**
 * The Settings button, the settings panel it opens and the device notice, for `<rs-app>`.
 * The panel's code is loaded the first time it opens, so agents who never open it do not pay
 * for it. On close, focus goes back to the button that opened it. The host re-renders on
 * login and logout (`<rs-app>` does, on the registration state), which shows or hides the button.
 * Not a controller: it follows nothing itself (the panel and the notice follow the desk).
 */
export class SettingsOpener {
  readonly #host: ReactiveControllerHost;
  readonly #desk: () => Desk | null;
  /** The button that opened the panel, to give focus back to. */
  #opener: HTMLElement | null = null;
  #open = false;

  constructor(host: ReactiveControllerHost, desk: () => Desk | null) {
    this.#host = host;
    this.#desk = desk;
  }

  /** Slotted into `<rs-status-bar>`; only while an agent is logged in, since every setting is the agent's. */
  button(): TemplateResult | typeof nothing {
    if (!this.#desk()?.loggedIn) return nothing;
    const toggle = (event: Event) => {
      this.#opener = event.currentTarget as HTMLElement;
      void (this.#open ? this.close() : this.open());
    };
    return html`<button class="settings-button" aria-expanded=${this.#open ? 'true' : 'false'} @click=${toggle}>
      ${msg('Settings', { id: 'settings.open' })}
    </button>`;
  }

  panel(): TemplateResult | typeof nothing {
    const desk = this.#desk();
    // A logout closes the panel: the next agent to log in finds it closed.
    if (!desk?.loggedIn) this.#open = false;
    return this.#open && desk ? html`<rs-settings .desk=${desk} @rs-settings-close=${() => void this.close()}></rs-settings>` : nothing;
  }

  /** A chosen device gone, shown whether or not the panel is open. */
  notice(): TemplateResult | typeof nothing {
    const desk = this.#desk();
    return desk ? html`<rs-device-notice .devices=${desk.devices}></rs-device-notice>` : nothing;
  }

  async open(): Promise<void> {
    try {
      await import('./settings.js');
    } catch {
      // Offline or a failed deploy: the panel stays closed, and the next click tries again.
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
    this.#opener?.focus();
  }
}
