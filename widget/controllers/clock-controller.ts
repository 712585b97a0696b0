import type { ReactiveController } from 'lit';
import type { Clock } from '../services/clock.js';
import type { ControllerHost } from './core-controller.js';

/**
 * Redraws a component on the widget's one clock while it shows something that moves with
 * time (`needed()` — a call's duration, time in state), at `everyMs`; asks for no ticks
 * otherwise, so an idle phone runs no timer. Components never own an interval.
 */
export class ClockController implements ReactiveController {
  readonly #host: ControllerHost;
  readonly #clock: () => Clock | undefined;
  readonly #everyMs: () => number;
  readonly #needed: () => boolean;
  #stop: (() => void) | null = null;
  #period = 0;

  constructor(host: ControllerHost, clock: () => Clock | undefined, needed: () => boolean, everyMs: () => number = () => 1000) {
    this.#host = host;
    this.#clock = clock;
    this.#needed = needed;
    this.#everyMs = everyMs;
    host.addController(this);
  }

  /** The clock's time now (Date.now() before a clock is attached). */
  now(): number {
    return this.#clock()?.now() ?? Date.now();
  }

  hostUpdated(): void {
    const clock = this.#clock();
    const period = clock && this.#host.isConnected && this.#needed() ? this.#everyMs() : 0;
    if (period === this.#period) return;
    this.#stop?.();
    this.#stop = clock && period ? clock.tick(period, () => this.#host.requestUpdate()) : null;
    this.#period = period;
  }

  hostDisconnected(): void {
    this.#stop?.();
    this.#stop = null;
    this.#period = 0;
  }
}
