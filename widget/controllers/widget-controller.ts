import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { widgetContext } from '../context.js';
import type { WidgetCore, WidgetSnapshot } from '../services/widget-core.js';

type Host = ReactiveControllerHost & HTMLElement;

const empty: WidgetSnapshot = { theme: {}, state: 'logged_out', error: null, agent: null, calls: [], transferRequests: [] };

/**
 * Gives a component the widget core and its latest snapshot, and re-renders the component
 * on every change. While a call is answered it also ticks once a second for the timer.
 */
export class WidgetController implements ReactiveController {
  readonly #host: Host;
  readonly #consumer: ContextConsumer<typeof widgetContext, Host>;
  #unsubscribe: (() => void) | null = null;
  #ticker: ReturnType<typeof setInterval> | null = null;
  snapshot: WidgetSnapshot = empty;

  constructor(host: Host) {
    this.#host = host;
    this.#consumer = new ContextConsumer(host, { context: widgetContext, subscribe: true, callback: (core) => this.#attach(core) });
    host.addController(this);
  }

  #direct: WidgetCore | undefined;

  get core(): WidgetCore | undefined {
    return this.#direct ?? this.#consumer.value;
  }

  hostConnected(): void {
    if (this.core && !this.#unsubscribe) this.#attach(this.core);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#tick(false);
  }

  /**
   * Follows `core` directly. For the element that provides the context: a Lit context
   * provider does not answer requests from its own host.
   */
  attach(core: WidgetCore): void {
    this.#attach(core);
  }

  #attach(core: WidgetCore): void {
    if (core !== this.#consumer.value) this.#direct = core;
    this.#unsubscribe?.();
    this.#unsubscribe = core.subscribe(() => this.#refresh(core));
    this.#refresh(core);
  }

  #refresh(core: WidgetCore): void {
    this.snapshot = core.snapshot();
    this.#tick(this.snapshot.calls.some((call) => call.state === 'active'));
    this.#host.requestUpdate();
  }

  #tick(on: boolean): void {
    if (on && !this.#ticker) this.#ticker = setInterval(() => this.core && this.#refresh(this.core), 1000);
    if (!on && this.#ticker) {
      clearInterval(this.#ticker);
      this.#ticker = null;
    }
  }
}
