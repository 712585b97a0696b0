/**
 * Registrations: address of record (user) → contacts, each bound to the socket it came
 * over. A socket that closes takes its bindings with it, as Kamailio's
 * `handle_lost_tcp` does.
 */

export interface Binding<S> {
  user: string;
  /** `user@host` of the contact URI; browsers send random `*.invalid` hosts. */
  contactKey: string;
  contactUri: string;
  socket: S;
  expiresAt: number;
  registeredAt: number;
}

export class Registrar<S> {
  readonly #byUser = new Map<string, Binding<S>[]>();

  /**
   * Adds or refreshes a binding. A contact belongs to the user who bound it: another user
   * may not bind the same contact (false), or in-dialog requests sent to that contact would
   * reach the wrong phone.
   */
  bind(binding: Binding<S>): boolean {
    const owner = this.byContact(binding.contactKey);
    if (owner && owner.user !== binding.user) return false;
    const others = (this.#byUser.get(binding.user) ?? []).filter((b) => b.contactKey !== binding.contactKey);
    this.#byUser.set(binding.user, [...others, binding]);
    return true;
  }

  unbind(user: string, contactKey: string): void {
    this.#set(user, (this.#byUser.get(user) ?? []).filter((b) => b.contactKey !== contactKey));
  }

  dropSocket(socket: S): void {
    for (const [user, bindings] of this.#byUser) this.#set(user, bindings.filter((b) => b.socket !== socket));
  }

  /** Live bindings of a user, newest first. */
  lookup(user: string, now = Date.now()): Binding<S>[] {
    return (this.#byUser.get(user) ?? []).filter((b) => b.expiresAt > now).sort((a, b) => b.registeredAt - a.registeredAt);
  }

  /** Every user with a live binding, each with their newest one (the one initial requests go to). */
  users(now = Date.now()): Binding<S>[] {
    const newest: Binding<S>[] = [];
    for (const user of this.#byUser.keys()) {
      const [binding] = this.lookup(user, now);
      if (binding) newest.push(binding);
    }
    return newest;
  }

  /**
   * The binding whose contact is `user@host`, for in-dialog requests addressed to a contact.
   * Never for initial requests: those go to the address of record (`lookup`).
   */
  byContact(contactKey: string, now = Date.now()): Binding<S> | undefined {
    for (const bindings of this.#byUser.values()) {
      const found = bindings.find((b) => b.contactKey === contactKey && b.expiresAt > now);
      if (found) return found;
    }
    return undefined;
  }

  userOf(socket: S): string | undefined {
    for (const [user, bindings] of this.#byUser) if (bindings.some((b) => b.socket === socket)) return user;
    return undefined;
  }

  #set(user: string, bindings: Binding<S>[]): void {
    if (bindings.length) this.#byUser.set(user, bindings);
    else this.#byUser.delete(user);
  }
}
