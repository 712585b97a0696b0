import type { PhonePrefs } from '../../src/protocol/index.js';
import { clampDelay, type OwnSettings } from './agent-settings.js';

/**
 * Whether auto-answer and the keyboard shortcuts are on: pure rules over the tenant's settings,
 * the host page's preferences and the agent's own settings. Kept apart from auto-answer.ts and
 * shortcuts.ts so the desk can tell the settings panel and the host (`autoAnswer` in the
 * status) at once, while the code that answers calls and reads keys loads after the phone's
 * first load (`Desk.start()`).
 */

/** Whether and when calls are answered by themselves, and whose choice that is. */
export interface AutoAnswerPolicy {
  /** The tenant allows auto-answer (`allowAutoAnswer`); when false nobody can turn it on. */
  allowed: boolean;
  enabled: boolean;
  delaySeconds: number;
  /** `agent`: the agent's own setting; `host`: the host page's preference; `none`: neither said, so off. */
  source: 'agent' | 'host' | 'none';
}

/**
 * The tenant decides whether auto-answer may be used at all. Within that, the agent's own
 * setting (made in the phone's settings) wins over the host page's preference, which is the
 * default for agents who never chose: the agent is the one wearing the headset.
 */
export function autoAnswerPolicy(allowed: boolean, host: PhonePrefs['autoAnswer'], own: OwnSettings['autoAnswer']): AutoAnswerPolicy {
  const chosen = own ?? host;
  return {
    allowed,
    enabled: allowed && (chosen?.enabled ?? false),
    delaySeconds: clampDelay(chosen?.delaySeconds ?? 0),
    source: own ? 'agent' : host ? 'host' : 'none',
  };
}

/** Whether the keyboard shortcuts work. */
export interface ShortcutsPolicy {
  /** False when the host page turned them off (`shortcuts: false`); the agent cannot turn them on then. */
  hostAllows: boolean;
  enabled: boolean;
}

export function shortcutsPolicy(host: PhonePrefs['shortcuts'], own: OwnSettings['shortcuts']): ShortcutsPolicy {
  const hostAllows = host !== false;
  return { hostAllows, enabled: hostAllows && own !== false };
}
