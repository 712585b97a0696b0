import type { ReactiveController, ReactiveElement } from 'lit';
import { explain } from '../explain.js';

/**
 * Something a component shows after reading it from the API: the last value, whether a read
 * is running, and what went wrong. Only the newest read counts, so a slow answer for the
 * tenant shown before cannot overwrite the current one.
 */
export class LoadController<T> implements ReactiveController {
  value: T | undefined = undefined;
  error = '';
  loading = false;
  #generation = 0;

  constructor(
    private readonly host: ReactiveElement,
    private readonly load: () => Promise<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    // Answers that arrive after the component left are dropped.
    this.#generation++;
  }

  async reload(): Promise<void> {
    const generation = ++this.#generation;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const value = await this.load();
      if (generation !== this.#generation) return;
      this.value = value;
      this.error = '';
    } catch (error) {
      if (generation !== this.#generation) return;
      this.error = explain(error);
    } finally {
      if (generation === this.#generation) {
        this.loading = false;
        this.host.requestUpdate();
      }
    }
  }
}
