import { msg } from '@lit/localize';
import type { CallInfo } from '../../src/protocol/index.js';
import type { AgentSettings } from './agent-settings.js';
import type { DeskCore } from './desk-core.js';
import { shortcutsPolicy } from './desk-policy.js';
import type { Logger } from './logger.js';

export type ShortcutCommand = 'answer' | 'hang-up' | 'mute' | 'hold';

/** The letter pressed with Alt for each command. */
export const shortcutLetters: Readonly<Record<ShortcutCommand, string>> = { answer: 'a', 'hang-up': 'h', mute: 'm', hold: 'l' };

const commandOf = new Map(Object.entries(shortcutLetters).map(([command, letter]) => [letter, command as ShortcutCommand]));

export interface ShortcutInfo {
  command: ShortcutCommand;
  /** As printed for the agent and in `aria-keyshortcuts`: `Alt+A`. */
  keys: string;
  label: string;
}

/** The shortcuts, for the settings panel and the README, in the phone's language. */
export function shortcutList(): ShortcutInfo[] {
  const labels: Record<ShortcutCommand, string> = {
    answer: msg('Answer the ringing call', { id: 'shortcuts.answer' }),
    'hang-up': msg('Hang up the current call', { id: 'shortcuts.hang-up' }),
    mute: msg('Mute or unmute', { id: 'shortcuts.mute' }),
    hold: msg('Hold or resume', { id: 'shortcuts.hold' }),
  };
  return (Object.keys(shortcutLetters) as ShortcutCommand[]).map((command) => ({ command, keys: `Alt+${shortcutLetters[command].toUpperCase()}`, label: labels[command] }));
}

export type KeyPress = Pick<KeyboardEvent, 'key' | 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'isComposing' | 'repeat'>;

/**
 * The command a key press asks for, or null. Alt and the letter only: Ctrl+Alt is AltGr on
 * Windows (it types characters), a held key's repeats would toggle mute on and off. On macOS
 * Option+A gives `key` "å", so when `key` is not a plain letter the physical key (`code`) is read.
 */
export function shortcutFor(event: KeyPress): ShortcutCommand | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.isComposing || event.repeat) return null;
  const key = event.key.toLowerCase();
  const letter = /^[a-z]$/.test(key) ? key : /^Key[A-Z]$/.test(event.code) ? event.code.slice(3).toLowerCase() : '';
  return commandOf.get(letter) ?? null;
}

const notText = new Set(['button', 'checkbox', 'radio', 'range', 'color', 'file', 'image', 'reset', 'submit', 'hidden']);

/**
 * True where the agent types text: a text-like input, a textarea, an editable region. There
 * shortcuts stay off even with Alt, because on macOS Option+letter types a letter (Option+A is
 * "å") and a name being typed must not hang up the call. Selects, buttons and checkboxes take
 * no typed letters, so shortcuts work there.
 */
export function isTextEntry(target: EventTarget | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !notText.has(target.type);
}

type ShortcutsCore = Pick<DeskCore, 'snapshot' | 'prefs' | 'lines'>;

/**
 * Keyboard shortcuts in the phone: Alt+A answers the ringing call, Alt+H hangs up the current
 * one, Alt+M mutes or unmutes it, Alt+L holds or resumes it. Keys reach the phone only while
 * its frame has focus. Off when the host page sets `shortcuts: false` or the agent turns them
 * off in the settings. A key that applies to no call is left to the browser.
 */
export class Shortcuts {
  readonly #core: ShortcutsCore;
  readonly #settings: Pick<AgentSettings, 'value'>;
  readonly #target: Document;
  readonly #log: Logger | undefined;
  #listening = false;
  readonly #onKeyDown = (event: KeyboardEvent): void => this.#handle(event);

  constructor(core: ShortcutsCore, settings: Pick<AgentSettings, 'value'>, options: { target: Document; log?: Logger }) {
    this.#core = core;
    this.#settings = settings;
    this.#target = options.target;
    this.#log = options.log;
  }

  /** False when the host page turned the shortcuts off; the agent cannot turn them on then. */
  get hostAllows(): boolean {
    return shortcutsPolicy(this.#core.prefs.shortcuts, this.#settings.value.shortcuts).hostAllows;
  }

  get enabled(): boolean {
    return shortcutsPolicy(this.#core.prefs.shortcuts, this.#settings.value.shortcuts).enabled;
  }

  start(): void {
    if (this.#listening) return;
    this.#listening = true;
    this.#target.addEventListener('keydown', this.#onKeyDown);
  }

  stop(): void {
    this.#listening = false;
    this.#target.removeEventListener('keydown', this.#onKeyDown);
  }

  #handle(event: KeyboardEvent): void {
    if (!this.enabled || event.defaultPrevented) return;
    const command = shortcutFor(event);
    if (!command || isTextEntry(event.composedPath()[0])) return;
    const run = this.#command(command, this.#core.snapshot().calls);
    if (!run) return;
    event.preventDefault();
    run().catch((error: unknown) => this.#log?.warn(`shortcut ${command} failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** What the command does with these calls, or null when it applies to none. */
  #command(command: ShortcutCommand, calls: readonly CallInfo[]): (() => Promise<unknown>) | null {
    const { lines } = this.#core;
    const current = lines.current;
    const answered = current ?? calls.find((call) => call.state === 'active');
    switch (command) {
      case 'answer': {
        const ringing = calls.find((call) => call.direction === 'inbound' && call.state === 'ringing');
        return ringing ? () => lines.answer(ringing.callId) : null;
      }
      case 'hang-up':
        return answered ? () => lines.hangUp(answered.callId) : null;
      case 'mute':
        return current?.state === 'active' ? () => lines.setMuted(!current.muted, current.callId) : null;
      case 'hold': {
        if (current?.state === 'active') return () => lines.hold(current.callId);
        const held = calls.find((call) => call.state === 'active' && call.held);
        return held ? () => lines.unhold(held.callId) : null;
      }
    }
  }
}
