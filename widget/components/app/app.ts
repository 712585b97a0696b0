import { ContextProvider } from '@lit/context';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, html, type TemplateResult } from 'lit';
import { CoreController } from '../../controllers/core-controller.js';
import { widgetContext } from '../../context.js';
import { define } from '../../define.js';
import { followLanguage } from '../../i18n/follow-language.js';
import { Desk } from '../../services/desk.js';
import { consoleSink, createLogger } from '../../services/logger.js';
import { SipPhoneService } from '../../services/phone/phone-service.js';
import { WidgetCore, type WidgetSnapshot } from '../../services/widget-core.js';
import '../agent-state/agent-state.js';
import '../incoming-call/incoming-call.js';
import '../notice/notice.js';
import '../status-bar/status-bar.js';
import { HistoryOpener, historyOpenerStyles } from '../history/history-opener.js';
import { openerStyles, SettingsOpener } from '../settings/settings-opener.js';
import { styles } from './app.styles.js';
import { themeProperties } from './theme.js';

const shell = ({ theme, state, calls, transferRequests, announcement }: WidgetSnapshot) => ({ theme, state, calls, transferRequests, announcement });

/**
 * @summary The phone inside the iframe. Builds the widget core (sip.js phone service, host
 * bridge, session client) once, provides it to every view through context, and lays out the
 * views: status, agent state, notices, lines, the current call or the dial pad. Announces
 * ringing and call-state changes to screen readers through one live region.
 */
export class RsApp extends LitElement {
  static override styles = [styles, openerStyles, historyOpenerStyles];
  readonly #provider: ContextProvider<typeof widgetContext, RsApp>;
  readonly #shell = new CoreController(this, shell);
  #core: WidgetCore | null = null;
  /** Devices, ringer, auto-answer and shortcuts around the phone; the settings panel edits them. */
  #desk: Desk | null = null;
  readonly #settings = new SettingsOpener(this, () => this.#desk);
  readonly #history = new HistoryOpener(this, () => this.#core);

  constructor() {
    super();
    this.#provider = new ContextProvider(this, { context: widgetContext });
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#core) return;
    const log = (category: string) => createLogger(category, consoleSink);
    this.#core = new WidgetCore({
      win: window,
      phone: new SipPhoneService(log('phone')),
      log: log('widget'),
      // A tenant's phone page (`/t/<tenant>/widget/`) logs in at `/t/<tenant>/api/…`, so the
      // server can check a login belongs to the tenant whose page it comes from.
      apiBase: new URL('../', window.location.href).href,
    });
    this.#provider.setValue(this.#core);
    this.#shell.attach(this.#core);
    followLanguage(this.#core);
    this.#desk = new Desk(this.#core, { win: window, log });
    const desk = this.#desk;
    this.#core.autoAnswerActive = () => desk.autoAnswer.policy.enabled;
    this.#core.start();
    this.#desk.start();
  }

  /** Theme tokens from the host's `setTheme`, as the custom properties the views use. */
  override updated(): void {
    for (const [name, value] of themeProperties(this.#shell.value?.theme ?? {})) this.style.setProperty(name, value);
  }

  override render(): TemplateResult {
    const { calls = [], state = 'logged_out', transferRequests = [], announcement = '' } = this.#shell.value ?? {};
    const ringing = calls.filter((call) => call.state === 'ringing');
    const answered = calls.filter((call) => call.state !== 'ringing' && call.state !== 'ended');
    // The line the agent is on; with every line held, the first of them, so Resume stays in reach.
    const current = answered.find((call) => call.state !== 'active' || !call.held) ?? answered[0];
    // The in-call views are not needed to log in or ring: they load with the first call.
    if (calls.length) void import('./call-views.js');
    if (current?.state === 'active') void import('../after-call/call-notes.js');
    // Nor is the dial pad: it loads once the phone can place calls.
    if (state === 'registered') void import('../dial-pad/dial-pad.js');
    // The wrap-up panel loads with the first wrap-up (a call ended, or one open before a reload).
    if (this.#core?.workflow.afterCallWork) void import('../after-call/after-call.js');
    // A transfer request from the far end is rare: its view loads with the first one. The request
    // stays in the snapshot until answered or timed out, so it shows as soon as the view is defined.
    if (transferRequests.length) void import('../transfer-request/transfer-request.js');
    return html`
      <header>
        <h1 class="visually-hidden">${msg('Ringside phone', { id: 'app.title' })}</h1>
        <rs-status-bar>${this.#history.button()}${this.#settings.button()}</rs-status-bar>
        ${state === 'registered' ? html`<rs-agent-state></rs-agent-state>` : null}
      </header>
      <main>
        <rs-notice></rs-notice>
        <rs-trigger-offers></rs-trigger-offers>
        <rs-after-call></rs-after-call>
        ${this.#settings.notice()} ${this.#settings.panel()} ${this.#history.panel()}
        ${calls.length > 1 ? html`<rs-lines></rs-lines>` : null}
        ${ringing.map((call) => html`<rs-incoming-call .call=${call} .waiting=${answered.length > 0}></rs-incoming-call>`)}
        ${transferRequests.map((request) => html`<rs-transfer-request .request=${request}></rs-transfer-request>`)}
        ${current ? html`<rs-active-call .call=${current}></rs-active-call>` : null}
        ${current?.state === 'active' ? html`<rs-call-notes .callId=${current.callId}></rs-call-notes>` : null}
        ${!current && state === 'registered' && !this.#history.isOpen ? html`<rs-dial-pad></rs-dial-pad>` : null}
        <p class="visually-hidden" role="status" aria-live="polite">${announcement}</p>
      </main>
    `;
  }
}

define('rs-app', RsApp);

declare global {
  interface HTMLElementTagNameMap {
    'rs-app': RsApp;
  }
}
