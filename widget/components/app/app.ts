import { ContextProvider } from '@lit/context';
import { LitElement, html, type TemplateResult } from 'lit';
import { WidgetController } from '../../controllers/widget-controller.js';
import { widgetContext } from '../../context.js';
import { define } from '../../define.js';
import { consoleSink, createLogger } from '../../services/logger.js';
import { SipPhoneService } from '../../services/phone/phone-service.js';
import { WidgetCore } from '../../services/widget-core.js';
import '../active-call/active-call.js';
import '../dial-pad/dial-pad.js';
import '../incoming-call/incoming-call.js';
import '../status-bar/status-bar.js';
import '../transfer-request/transfer-request.js';
import { styles } from './app.styles.js';

/**
 * @summary The phone inside the iframe. Builds the widget core (sip.js phone service,
 * host bridge, session client) once and provides it to every view through context.
 */
export class RsApp extends LitElement {
  static override styles = styles;
  readonly #provider: ContextProvider<typeof widgetContext, RsApp>;
  readonly #widget: WidgetController;
  #core: WidgetCore | null = null;

  constructor() {
    super();
    this.#provider = new ContextProvider(this, { context: widgetContext });
    this.#widget = new WidgetController(this);
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
    this.#widget.attach(this.#core);
    this.#core.start();
  }

  /** Theme tokens from the host's `setTheme`, as the custom properties the views use. */
  override updated(): void {
    const { theme } = this.#widget.snapshot;
    const properties: Record<string, string | undefined> = {
      '--rs-accent': theme.accent,
      '--rs-ok': theme.ok,
      '--rs-danger': theme.danger,
      '--rs-warn': theme.warn,
      '--rs-text': theme.text,
      '--rs-muted': theme.muted,
      '--rs-border': theme.border,
      '--rs-surface': theme.surface,
      '--rs-surface-2': theme.surface2,
      '--rs-font': theme.font,
      '--rs-radius': theme.radius,
    };
    for (const [name, value] of Object.entries(properties)) if (value) this.style.setProperty(name, value);
  }

  override render(): TemplateResult {
    const { calls, state, transferRequests } = this.#widget.snapshot;
    const ringing = calls.filter((call) => call.state === 'ringing');
    const current = calls.find((call) => call.state !== 'ringing' && call.state !== 'ended');
    return html`
      <rs-status-bar></rs-status-bar>
      <main>
        ${ringing.map((call) => html`<rs-incoming-call .call=${call}></rs-incoming-call>`)}
        ${transferRequests.map((request) => html`<rs-transfer-request .request=${request}></rs-transfer-request>`)}
        ${current ? html`<rs-active-call .call=${current}></rs-active-call>` : null}
        ${!current && state === 'registered' ? html`<rs-dial-pad></rs-dial-pad>` : null}
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
