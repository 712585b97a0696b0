import { agentKey } from './desk-core.js';

/**
 * The agent's own URL triggers (README "URL triggers"), kept per agent (tenant and user) in the
 * widget's localStorage beside their other settings. This file is in the phone's first load
 * (the core reads it at login to hand the triggers to the host in `OnLogin.agentTriggers`), so
 * it holds no checker: the settings panel checks each trigger before it is saved, and the host
 * checks them again with the same checker before running them.
 */

/** At most this many are kept (the checker's own limit). */
const MAX = 50;

/** The storage key of one agent's triggers. */
export const agentTriggersKey = (userId: string, tenantId?: string | null): string => agentKey('triggers', userId, tenantId);

/** The stored list, or [] when there is none or it is not a list of objects (a tolerant reader: a bad entry is dropped). */
export function readAgentTriggers(storage: Storage | null, key: string): Record<string, unknown>[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage?.getItem(key) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item)).slice(0, MAX);
}

/** Stores the list (already checked); false when the browser refused (storage full or blocked): the caller says so. */
export function saveAgentTriggers(storage: Storage | null, key: string, triggers: readonly Record<string, unknown>[]): boolean {
  try {
    if (!storage) return false;
    if (triggers.length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(triggers));
    return true;
  } catch {
    return false;
  }
}
