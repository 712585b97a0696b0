/**
 * A part of the widget that is not in the first load: loaded by a dynamic import the first
 * time it is needed, with what was asked of it before it was there kept in order and done as
 * soon as it is. Used by the agent workflow for after-call work and the statistics, so the
 * phone logs in, registers and rings without them and loses nothing that happened meanwhile.
 *
 * A loader may also hand the part over at once (not a promise): then it is there from the
 * first call, which is how unit tests run the workflow with everything loaded.
 */
export type Loader<T> = () => T | Promise<T>;

/** `then` for a value that may or may not be a promise; stays synchronous when it is not. */
export function mapLoaded<T, U>(value: T | Promise<T>, map: (value: T) => U): U | Promise<U> {
  return value instanceof Promise ? value.then(map) : map(value);
}

export class LazyPart<T> {
  readonly #load: Loader<T>;
  readonly #limit: number;
  #value: T | null = null;
  #loading: Promise<T> | null = null;
  #requested = false;
  readonly #queue: ((value: T) => void)[] = [];

  /** `limit`: the most work kept while the part cannot load; beyond it the oldest is dropped (a part that never loads must not hold a day's events). */
  constructor(load: Loader<T>, limit = Infinity) {
    this.#load = load;
    this.#limit = limit;
  }

  /** The part, once loaded (what waited for it is being done or done); null before. */
  get value(): T | null {
    return this.#value;
  }

  /** Whether something asked for it to load (`load`, or `run`). */
  get requested(): boolean {
    return this.#requested;
  }

  /** Whether work is waiting for the part. */
  get waiting(): boolean {
    return this.#queue.length > 0;
  }

  /**
   * Does `work` with the part: at once when it is loaded and nothing is waiting (errors thrown
   * reach the caller), else after what waits, once loaded (errors are reported, the rest still
   * runs). Starts loading unless `load` is false.
   */
  run(work: (value: T) => void, load = true): void {
    if (this.#value && !this.#queue.length) {
      work(this.#value);
      return;
    }
    if (this.#queue.push(work) > this.#limit) this.#queue.shift();
    if (load) this.load().catch(report);
  }

  /** Loads the part (once; again after a failure) and does what waited; resolves when all of it is done. */
  load(): Promise<T> {
    this.#requested = true;
    if (this.#value) {
      this.#drain(this.#value);
      return Promise.resolve(this.#value);
    }
    if (!this.#loading) {
      let loaded: T | Promise<T>;
      try {
        loaded = this.#load();
      } catch (error) {
        return Promise.reject(error);
      }
      if (!(loaded instanceof Promise)) {
        this.#loaded(loaded);
        return Promise.resolve(loaded);
      }
      this.#loading = loaded.then(
        (value) => {
          this.#loading = null;
          this.#loaded(value);
          return value;
        },
        (error: unknown) => {
          // The next need tries again; what waits keeps waiting.
          this.#loading = null;
          throw error;
        },
      );
    }
    return this.#loading;
  }

  /** Forgets what waits (nothing will need it any more). */
  drop(): void {
    this.#queue.length = 0;
    this.#requested = false;
  }

  #loaded(value: T): void {
    this.#value = value;
    this.#drain(value);
  }

  /** In order; work queued while draining goes after what was there. */
  #drain(value: T): void {
    while (this.#queue.length) {
      const work = this.#queue.shift() as (value: T) => void;
      try {
        work(value);
      } catch (error) {
        report(error);
      }
    }
  }
}

/** A failure in deferred work has no caller left to tell: the page's error handlers see it, the rest goes on. */
function report(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
