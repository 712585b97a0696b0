/**
 * What the phone keeps in Web Storage (sessionStorage or localStorage), read, written and
 * forgotten without ever throwing: storage may be missing or blocked (a sandboxed frame,
 * privacy settings), full, or hold something that is not JSON. Whatever is kept also holds
 * for the page when it cannot be stored.
 */

/** The value stored under `key`, or null (none, not JSON, or storage blocked). */
export function readStored(storage: Storage | null, key: string): unknown {
  try {
    return JSON.parse(storage?.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

/** Stores `value` as JSON; false when the browser refused (no storage, full or blocked). */
export function writeStored(storage: Storage | null, key: string, value: unknown): boolean {
  try {
    if (!storage) return false;
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Forgets what is stored under `key` (blocked storage kept nothing either). */
export function forgetStored(storage: Storage | null, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Blocked storage: nothing was kept either.
  }
}
