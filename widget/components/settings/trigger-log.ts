import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { PhoneTriggersController, type TriggersSource } from '../../controllers/phone-triggers-controller.js';
import type { TriggerLogLine } from '../../services/triggers/phone-triggers.js';
import { define } from '../../define.js';
import { getLocale } from '../../i18n/locale.js';
import { styles } from './settings.styles.js';

/**
 * @summary The trigger log in the phone's settings: a line per step of every URL trigger —
 * fired, delivered, failed (and whether it will be tried again), blocked, offered — newest
 * first, for this login. Lines of triggers the CRM page runs are what that page reported
 * (`logTriggerActivity`) and say so; the phone's own are marked as the phone's. URLs are text,
 * never links.
 */
export class RsTriggerLog extends LitElement {
  static override styles = [
    styles,
    css`
      ol { margin: 0; padding: 0; list-style: none; display: grid; gap: 0.3rem; font-size: 0.8rem; max-height: 14rem; overflow: auto; }
      li { border-left: 3px solid var(--rs-border); padding-left: 0.4rem; }
      li[data-kind='failed'] { border-color: var(--rs-danger); }
      li[data-kind='delivered'] { border-color: var(--rs-ok); }
      li[data-kind='blocked'], li[data-kind='offered'] { border-color: var(--rs-warn); }
      .error { color: var(--rs-danger); }
      .meta { color: var(--rs-muted); }
      code { overflow-wrap: anywhere; font: 0.75rem ui-monospace, monospace; }
    `,
  ];
  static override properties = { source: { attribute: false } };
  /** The core's lazily loaded trigger part (`WidgetCore.triggers`). */
  declare source: TriggersSource;
  readonly #triggers = new PhoneTriggersController(this, () => this.source);

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override render(): TemplateResult {
    const lines = [...(this.#triggers.value?.lines ?? [])].reverse();
    return html`
      <fieldset class="trigger-log">
        <legend>${msg('Trigger log', { id: 'trigger-log.title' })}</legend>
        ${lines.length
          ? html`<ol aria-label=${msg('Trigger log, newest first', { id: 'trigger-log.label' })}>${lines.map((line) => this.#line(line))}</ol>`
          : html`<p class="note">${msg('No trigger has fired in this login yet.', { id: 'trigger-log.empty' })}</p>`}
      </fieldset>
    `;
  }

  #line(line: TriggerLogLine): TemplateResult {
    const who = line.source === 'page' ? msg('reported by the CRM page', { id: 'trigger-log.page' }) : msg('run by the phone', { id: 'trigger-log.phone' });
    return html`<li data-kind=${line.kind} data-source=${line.source}>
      <span class="meta">${new Intl.DateTimeFormat(getLocale(), { timeStyle: 'medium' }).format(line.at)} · ${line.trigger}${line.event ? html` · ${line.event}` : nothing} · ${who}</span><br />
      ${this.#outcome(line)}
    </li>`;
  }

  /** The phone's own reasons in the agent's language; a page's message is shown as the page wrote it. */
  #reason(code: string | undefined): string {
    switch (code) {
      case 'needs_element':
        return msg('a route trigger changes the CRM page’s own route, so it runs only where the page embeds the phone with its element.', { id: 'trigger-log.needs-element' });
      case 'popup_blocked':
        return msg('the browser refused the window even on your click; the CRM page must let the phone open windows (allow-popups).', { id: 'trigger-log.popup-blocked' });
      case 'network_error':
        return msg('the request did not get through (the network is down, or the endpoint cannot be reached).', { id: 'trigger-log.network-error' });
      case 'gave_up':
        return msg('the request was given up: too many attempts failed, or too many requests were waiting.', { id: 'trigger-log.gave-up' });
      default:
        return '';
    }
  }

  #outcome(line: TriggerLogLine): TemplateResult | string {
    const url = line.url ? html` <code>${line.url}</code>` : nothing;
    const attempts = line.attempts ?? 0;
    switch (line.kind) {
      case 'fired':
        return html`${line.mode === 'background' ? msg('Request queued:', { id: 'trigger-log.queued' }) : line.mode === 'route' ? msg('Page route changed:', { id: 'trigger-log.routed' }) : msg('Window opened:', { id: 'trigger-log.opened' })}${url}`;
      case 'delivered':
        return html`${line.delivery === 'confirmed'
          ? msg(str`Delivered: HTTP ${line.status ?? 0} after ${attempts} attempt(s).`, { id: 'trigger-log.confirmed' })
          : msg(str`Sent after ${attempts} attempt(s); the endpoint allows no CORS, so its answer cannot be read.`, { id: 'trigger-log.sent' })}${url}`;
      case 'failed':
        return html`<span class="error">${msg(str`Failed (${line.code ?? ''}): ${(line.source === 'phone' && this.#reason(line.code)) || line.message || ''}`, { id: 'trigger-log.failed' })}</span>
          ${line.willRetry ? msg('It will be tried again.', { id: 'trigger-log.retry' }) : nothing}${url}`;
      case 'blocked':
        return html`${msg('The browser blocked the window; the CRM page shows an Open button.', { id: 'trigger-log.blocked' })}${url}`;
      case 'offered':
        return html`${msg('Waiting for your click on its Open button.', { id: 'trigger-log.offered' })}${url}`;
    }
  }
}

define('rs-trigger-log', RsTriggerLog);

declare global {
  interface HTMLElementTagNameMap {
    'rs-trigger-log': RsTriggerLog;
  }
}
