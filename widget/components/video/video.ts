import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, type TemplateResult } from 'lit';
import { define } from '../../define.js';
import { styles } from './video.styles.js';

/**
 * @summary A video call's picture: the far end large, the agent's own camera small in a
 * corner. Both are muted (the call's sound plays through the phone's speaker choice) and
 * play inline. The call card gives it the streams and loads it with the first call that has
 * video.
 */
export class RsVideo extends LitElement {
  static override styles = styles;
  static override properties = { local: { attribute: false }, remote: { attribute: false } };
  /** The agent's camera; `null` while it is off. */
  declare local: MediaStream | null;
  /** What the far end sends (its sound too, which this view never plays). */
  declare remote: MediaStream | null;

  constructor() {
    super();
    this.local = null;
    this.remote = null;
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult {
    const { local, remote } = this;
    return html`
      <figure class="stage" role="group" aria-label=${msg('Video', { id: 'video.region' })}>
        <video class="remote" aria-label=${msg('The other side', { id: 'video.remote' })} autoplay playsinline muted .muted=${true} .srcObject=${remote}></video>
        ${local ? html`<video class="local" aria-label=${msg('Your camera', { id: 'video.local' })} autoplay playsinline muted .muted=${true} .srcObject=${local}></video>` : null}
      </figure>
    `;
  }
}

define('rs-video', RsVideo);

declare global {
  interface HTMLElementTagNameMap {
    'rs-video': RsVideo;
  }
}
