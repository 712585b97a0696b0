import type { EventDataMap, EventName, PhonePrefs } from '../../src/protocol/index.js';
import type { Lines } from './lines.js';
import type { PhoneService } from './phone-types.js';
import type { PhoneSettings } from './session-client.js';
import type { PhoneTriggers } from './triggers/phone-triggers.js';
import type { WidgetSnapshot } from './widget-core.js';

/**
 * What the desk services (devices, ringer, auto-answer, shortcuts) use of the widget core.
 * `WidgetCore` has all of it; tests pass a small fake. Narrow on purpose: these services
 * follow the core and send commands through `lines`, they never write call state.
 */
export interface DeskCore {
  snapshot(): Pick<WidgetSnapshot, 'agent' | 'agentState' | 'calls'>;
  subscribe(listener: () => void): () => void;
  /** The host's preferences (auto-answer, shortcuts). */
  readonly prefs: PhonePrefs;
  /** The tenant's settings (whether auto-answer is allowed at all). */
  readonly settings: Pick<PhoneSettings, 'allowAutoAnswer'>;
  readonly lines: Pick<Lines, 'current' | 'answer' | 'hangUp' | 'setMuted' | 'hold' | 'unhold'>;
  readonly phone: Pick<PhoneService, 'setDevices'>;
  emit<N extends EventName>(name: N, data: EventDataMap[N]): void;
  /**
   * The logged-in agent's tenant. `WidgetCore` does not expose it yet, so per-agent keys are
   * `ringside.<what>.<userId>` until it does, then `ringside.<what>.<tenantId>.<userId>`.
   */
  readonly tenantId?: string | null;
  /** The trigger log (and the phone's own URL triggers), loaded on demand; the settings show the log. */
  readonly triggers?: { load(): Promise<PhoneTriggers> };
}

/** The storage key for one agent's `what` (`devices`, `settings`): per tenant when the tenant is known. */
export function agentKey(what: string, userId: string, tenantId?: string | null): string {
  return tenantId ? `ringside.${what}.${tenantId}.${userId}` : `ringside.${what}.${userId}`;
}

/** The window's localStorage, or null where the browser refuses it (a sandboxed or storage-blocked frame). */
export function localStorageOf(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}
