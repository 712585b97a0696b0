import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PhoneTriggers } from '../services/triggers/phone-triggers.js';

/** Where the phone's trigger part comes from: the core's `triggers` (loaded on demand). */
export type TriggersSource = { load(): Promise<PhoneTriggers> } | undefined;

/**
 * Follows the phone's URL-trigger part (its offers and its log) for a view: once the view has
 * a source, loads the part, re-renders the view at each change, and lets go when the view
 * leaves the page (following again when it comes back).
 */
export class PhoneTriggersController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #source: () => TriggersSource;
  #value: PhoneTriggers | null = null;
  #unsubscribe: (() => void) | null = null;
  #loading: TriggersSource = undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, source: () => TriggersSource) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  /** The part, once loaded; null before. */
  get value(): PhoneTriggers | null {
    return this.#value;
  }

  hostConnected(): void {
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#loading = undefined;
  }

  /** After each render: the source may have come (a property, a context). */
  hostUpdated(): void {
    const source = this.#source();
    if (!source || this.#unsubscribe || this.#loading === source) return;
    this.#loading = source;
    void source.load().then((triggers) => {
      if (!this.#host.isConnected || this.#unsubscribe || this.#loading !== source) return;
      this.#value = triggers;
      this.#unsubscribe = triggers.subscribe(() => this.#host.requestUpdate());
      this.#host.requestUpdate();
    }, () => {
      // Not loaded (a chunk gone after a redeploy): the next update tries again.
      if (this.#loading === source) this.#loading = undefined;
    });
  }
}
