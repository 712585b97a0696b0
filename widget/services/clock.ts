/**
 * The one clock of the widget. Everything the screen shows that moves with time (a call's
 * duration, the time in an agent state, a wrap-up countdown) is drawn from `now()` and
 * redrawn on `tick`. Views say when they need ticks and how often; the clock keeps one timer
 * for the finest need, and none at all when nobody needs one, so an idle phone runs no
 * timer. Tests inject a {@link ManualClock}.
 */
export interface Clock {
  now(): number;
  /** Calls `listener` every `everyMs` (on the clock's beat) until the returned function is called. */
  tick(everyMs: number, listener: () => void): () => void;
}

interface Need {
  everyMs: number;
  listener: () => void;
  due: number;
}

/** The clock on `setTimeout`: one timer, armed for the nearest due need, aligned to whole periods. */
export class BrowserClock implements Clock {
  readonly #needs = new Set<Need>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  now(): number {
    return Date.now();
  }

  tick(everyMs: number, listener: () => void): () => void {
    const need: Need = { everyMs, listener, due: this.#next(everyMs) };
    this.#needs.add(need);
    this.#arm();
    return () => {
      this.#needs.delete(need);
      this.#arm();
    };
  }

  /** How many timers are armed: 0 or 1. For tests that check an idle phone runs none. */
  get armed(): number {
    return this.#timer ? 1 : 0;
  }

  #next(everyMs: number): number {
    const now = this.now();
    return now - (now % everyMs) + everyMs;
  }

  #arm(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (!this.#needs.size) return;
    const due = Math.min(...[...this.#needs].map((need) => need.due));
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, due - this.now()));
  }

  #fire(): void {
    this.#timer = null;
    const now = this.now();
    for (const need of [...this.#needs]) {
      if (need.due > now) continue;
      need.due = this.#next(need.everyMs);
      need.listener();
    }
    this.#arm();
  }
}

/** A clock a test moves by hand. */
export class ManualClock implements Clock {
  #now: number;
  readonly #needs = new Set<Need>();

  constructor(start = Date.parse('2026-01-01T09:00:00Z')) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  get needs(): number {
    return this.#needs.size;
  }

  tick(everyMs: number, listener: () => void): () => void {
    const need: Need = { everyMs, listener, due: this.#now + everyMs };
    this.#needs.add(need);
    return () => this.#needs.delete(need);
  }

  advance(ms: number): void {
    this.#now += ms;
    for (const need of [...this.#needs]) {
      if (need.due > this.#now) continue;
      need.due = this.#now + need.everyMs;
      need.listener();
    }
  }
}
