import { agentKey } from './desk-core.js';

/**
 * The agent's own URL triggers (README "URL triggers"), kept per agent (tenant and user) in the
 * widget's localStorage beside their other settings. In the phone's first load (the core reads
 * them at login for `OnLogin.agentTriggers`), so small and without the checker: the settings
 * panel checks each trigger before it is saved, and the host checks them all again with the
 * same checker before running them.
 */

type Config = Record<string, unknown>;

/** The storage key of one agent's triggers. */
export const agentTriggersKey = (userId: string, tenantId?: string | null): string => agentKey('triggers', userId, tenantId);

/** The stored list (objects only, 50 at most: the checker's limit), or [] when there is none or it is broken. */
export function readAgentTriggers(storage: Storage | null, key: string): Config[] {
  try {
    const list: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
    return Array.isArray(list) ? list.filter((item) => item?.constructor === Object).slice(0, 50) : [];
  } catch {
    return [];
  }
}

/** Stores the list (already checked); false when the browser refused (storage full or blocked): the caller says so. */
export function saveAgentTriggers(storage: Storage | null, key: string, triggers: readonly Config[]): boolean {
  try {
    if (triggers.length) storage!.setItem(key, JSON.stringify(triggers));
    else storage!.removeItem(key);
    return true;
  } catch {
    return false;
  }
}
