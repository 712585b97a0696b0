import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, type TemplateResult } from 'lit';
import { define } from '../../define.js';
import type { Devices } from '../../services/devices.js';
import { FollowController } from './follow-controller.js';

/**
 * @summary A chosen microphone, speaker or ringer output that went away, in words: the phone
 * uses the default until it is back. Stays until dismissed, until the device returns, or
 * until the agent chooses another.
 */
export class RsDeviceNotice extends LitElement {
  static override styles = css`
    :host { display: block; }
    .notice { display: flex; gap: 0.5rem; align-items: start; margin: 0.5rem 0.75rem 0; padding: 0.5rem 0.75rem; border: 1px solid var(--rs-warn); border-radius: var(--rs-radius); background: var(--rs-surface-2); }
    p { margin: 0; flex: 1; }
    button { font: inherit; border: 1px solid var(--rs-border); border-radius: var(--rs-radius); background: var(--rs-surface); color: inherit; cursor: pointer; }
  `;
  static override properties = { devices: { attribute: false } };
  declare devices: Devices | undefined;

  constructor() {
    super();
    new FollowController(this, () => this.devices);
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult | null {
    const notice = this.devices?.notice;
    if (!notice) return null;
    return html`
      <div class="notice" role="alert" data-kind=${notice.kind}>
        <p>${notice.message}</p>
        <button @click=${() => this.devices?.dismissNotice()}>${msg('Dismiss', { id: 'settings.notice-dismiss' })}</button>
      </div>
    `;
  }
}

define('rs-device-notice', RsDeviceNotice);

declare global {
  interface HTMLElementTagNameMap {
    'rs-device-notice': RsDeviceNotice;
  }
}
