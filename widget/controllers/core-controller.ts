import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { widgetContext } from '../context.js';
import type { WidgetCore, WidgetSnapshot } from '../services/widget-core.js';

export type ControllerHost = ReactiveControllerHost & HTMLElement;

/**
 * Follows one slice of the widget core's snapshot for a component: subscribes when the
 * component connects, unsubscribes when it leaves, and re-renders it only when its slice
 * changed (each field compared by identity), so a call's timer does not redraw the status
 * bar. The concern controllers (registration, lines, agent) are instances with a selector.
 */
export class CoreController<T extends object> implements ReactiveController {
  readonly #host: ControllerHost;
  readonly #select: (snapshot: WidgetSnapshot) => T;
  readonly #consumer: ContextConsumer<typeof widgetContext, ControllerHost>;
  #direct: WidgetCore | undefined;
  #unsubscribe: (() => void) | null = null;
  #value: T | null = null;

  constructor(host: ControllerHost, select: (snapshot: WidgetSnapshot) => T) {
    this.#host = host;
    this.#select = select;
    this.#consumer = new ContextConsumer(host, { context: widgetContext, subscribe: true, callback: (core) => this.#attach(core) });
    host.addController(this);
  }

  get core(): WidgetCore | undefined {
    return this.#direct ?? this.#consumer.value;
  }

  /** The slice; `null` until a core is attached. */
  get value(): T | null {
    return this.#value;
  }

  hostConnected(): void {
    if (this.core && !this.#unsubscribe) this.#attach(this.core);
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** Follows `core` directly: a Lit context provider does not answer its own host's requests. */
  attach(core: WidgetCore): void {
    this.#direct = core;
    this.#attach(core);
  }

  #attach(core: WidgetCore): void {
    this.#unsubscribe?.();
    this.#unsubscribe = core.subscribe(() => this.#refresh(core));
    this.#value = null;
    this.#refresh(core);
  }

  #refresh(core: WidgetCore): void {
    const next = this.#select(core.snapshot());
    const previous = this.#value;
    if (previous && Object.keys(next).every((key) => next[key as keyof T] === previous[key as keyof T])) return;
    this.#value = next;
    this.#host.requestUpdate();
  }
}

export const registrationOf = ({ state, error, agent, theme }: WidgetSnapshot) => ({ state, error, agent, theme });
export const linesOf = ({ calls, consultation, transferRequests, state, notice }: WidgetSnapshot) => ({ calls, consultation, transferRequests, state, notice });
export const agentOf = ({ agentState, agent }: WidgetSnapshot) => ({ agentState, agent });
export const afterCallWorkOf = ({ afterCallWork, wrapUpOverdue, wrapUpNext }: WidgetSnapshot) => ({ afterCallWork, wrapUpOverdue, wrapUpNext });

/** Registration, who is logged in, the last error, the theme: the status bar and the app shell. */
export const registrationController = (host: ControllerHost) => new CoreController(host, registrationOf);
/** The agent's calls, a consultation under way, transfer requests, media notices. */
export const linesController = (host: ControllerHost) => new CoreController(host, linesOf);
/** The agent state and its start time. */
export const agentController = (host: ControllerHost) => new CoreController(host, agentOf);
/** The wrap-up of the last call: disposition, notes, deadline, the state that follows. */
export const afterCallWorkController = (host: ControllerHost) => new CoreController(host, afterCallWorkOf);
