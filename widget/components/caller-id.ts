import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import type { CallInfo } from '../../src/protocol/index.js';

/**
 * Who is on the other end, for the call cards: the name (or the number) and the number, and
 * an "Unverified" mark when the identity is only what the caller claimed (From) rather than
 * what the network asserted. Rendered into the card's own shadow root (a template, not an
 * element), so the card's `.name` and `.number` stay where its tests and styles find them.
 * Its words come from `msg()` at render, so the card that renders it must follow the locale
 * (`updateWhenLocaleChanges`), as the call cards do.
 */
export function callerId(call: CallInfo): TemplateResult {
  return html`
    <p class="who">
      <span class="name">${call.remoteName || call.remoteNumber}</span>
      ${call.identity === 'claimed' ? unverifiedMark() : null}
    </p>
    ${call.remoteName ? html`<p class="number">${call.remoteNumber}</p>` : null}
  `;
}

/** The mark on a caller whose name and number only the caller set: on the call cards and in the call history. */
export function unverifiedMark(): TemplateResult {
  return html`<span class="unverified" data-identity="claimed" title=${msg('The caller set this name and number; the network did not confirm them', { id: 'caller.unverified-title' })}
    >${msg('Unverified', { id: 'caller.unverified' })}<span class="visually-hidden"
      >: ${msg('the caller set this name and number, the network did not confirm them', { id: 'caller.unverified-explained' })}</span
    ></span
  >`;
}
