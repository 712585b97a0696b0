import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Anything that tells listeners it changed. */
export interface Subscribable {
  subscribe(listener: () => void): () => void;
}

/**
 * Re-renders its host (or calls `onChange`) when a source it is handed as a property changes:
 * subscribes while the host is connected, and follows a new source when the property is set
 * to another one. `onChange` is also called once for each new source.
 */
export class FollowController implements ReactiveController {
  readonly #source: () => Subscribable | undefined;
  readonly #onChange: () => void;
  #following: Subscribable | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, source: () => Subscribable | undefined, onChange?: () => void) {
    this.#source = source;
    this.#onChange = onChange ?? (() => host.requestUpdate());
    host.addController(this);
  }

  hostConnected(): void {
    this.#follow();
  }

  /** Before each render: the property may have been given a new source. */
  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#following = undefined;
  }

  #follow(): void {
    const source = this.#source();
    if (source === this.#following) return;
    this.#unsubscribe?.();
    this.#following = source;
    this.#unsubscribe = source?.subscribe(this.#onChange);
    if (source) this.#onChange();
  }
}
