/**
 * What the PBX can know of its users' calls without dialog state: an INVITE it relayed was
 * answered (2xx), a BYE it relayed ended the call. Enough for the queue to skip agents on a
 * call and to ring the longest idle first. A call whose BYE never passes the PBX (both pages
 * closed) ends when either party's last registration goes, or after MAX_CALL_MS.
 */

/** Calls tracked at most; past this, new answers are not tracked (the agents just look idle). */
const MAX_CALLS = 10_000;
const MAX_CALL_MS = 12 * 3600 * 1000;

export class CallTracker {
  /** Call-ID → its parties and when it was answered. */
  readonly #calls = new Map<string, { users: string[]; since: number }>();
  /** User → since when idle: the end of their last call, else their registration. */
  readonly #idleSince = new Map<string, number>();

  /** A user registered: idle from now, unless already known (a refresh changes nothing). */
  registered(user: string, now = Date.now()): void {
    if (!this.#idleSince.has(user)) this.#idleSince.set(user, now);
  }

  /** An INVITE between `users` was answered (re-INVITEs of the same call change nothing). */
  answered(callId: string, users: readonly string[], now = Date.now()): void {
    const known = this.#calls.get(callId);
    if (known) return;
    if (this.#calls.size >= MAX_CALLS) return;
    this.#calls.set(callId, { users: [...new Set(users)], since: now });
  }

  /** The call ended (a BYE passed): its parties are idle from now. */
  ended(callId: string, now = Date.now()): void {
    const call = this.#calls.get(callId);
    if (!call) return;
    this.#calls.delete(callId);
    for (const user of call.users) if (this.#idleSince.has(user)) this.#idleSince.set(user, now);
  }

  /** Whether `user` is a party to an answered call that has not ended. */
  busy(user: string): boolean {
    for (const call of this.#calls.values()) if (call.users.includes(user)) return true;
    return false;
  }

  /** Since when `user` has been idle (ms since the epoch); now for a user never seen. */
  idleSince(user: string, now = Date.now()): number {
    return this.#idleSince.get(user) ?? now;
  }

  /** The user's last registration went: forget them and end their calls. */
  gone(user: string, now = Date.now()): void {
    this.#idleSince.delete(user);
    for (const [callId, call] of this.#calls) if (call.users.includes(user)) this.ended(callId, now);
  }

  sweep(now = Date.now()): void {
    for (const [callId, call] of this.#calls) if (now - call.since > MAX_CALL_MS) this.ended(callId, now);
  }
}
