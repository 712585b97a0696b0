/**
 * The agent's own choices for the phone's behaviour, made in `<rs-settings>` and remembered per
 * agent in the widget's localStorage: keyboard shortcuts on or off, and auto-answer on or off
 * with its delay. A field the agent never set is absent, so the host's preference applies.
 */

export const MAX_AUTO_ANSWER_DELAY = 60;

export interface OwnSettings {
  /** False when the agent turned the keyboard shortcuts off. */
  shortcuts?: boolean;
  /** The agent's auto-answer choice; absent means "as the host page says". */
  autoAnswer?: { enabled: boolean; delaySeconds: number };
}

/** A delay the phone can use: a whole number of seconds from 0 to 60 (anything else is clamped and rounded). */
export function clampDelay(seconds: number): number {
  if (!Number.isFinite(seconds)) return 0;
  return Math.min(MAX_AUTO_ANSWER_DELAY, Math.max(0, Math.round(seconds)));
}

/** Stored settings as the phone can use them: a tolerant reader, each field kept only when well formed. */
export function readOwnSettings(raw: string | null): OwnSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw ?? 'null');
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const stored = parsed as Partial<Record<string, unknown>>;
  const settings: OwnSettings = {};
  if (typeof stored.shortcuts === 'boolean') settings.shortcuts = stored.shortcuts;
  const autoAnswer = stored.autoAnswer as Partial<Record<string, unknown>> | null | undefined;
  if (typeof autoAnswer === 'object' && autoAnswer !== null && typeof autoAnswer.enabled === 'boolean' && typeof autoAnswer.delaySeconds === 'number') {
    settings.autoAnswer = { enabled: autoAnswer.enabled, delaySeconds: clampDelay(autoAnswer.delaySeconds) };
  }
  return settings;
}

/**
 * One agent's own settings at a time: `use(key)` at login switches to that agent's (read
 * from storage), `use(null)` at logout forgets them. Without storage they last the session.
 */
export class AgentSettings {
  readonly #storage: Storage | null;
  readonly #listeners = new Set<() => void>();
  #key: string | null = null;
  #value: OwnSettings = {};

  constructor(storage: Storage | null) {
    this.#storage = storage;
  }

  get value(): OwnSettings {
    return this.#value;
  }

  /** Switches to the settings stored under `key` (an agent's), or to none when logged out. */
  use(key: string | null): void {
    if (key === this.#key) return;
    this.#key = key;
    this.#value = key ? readOwnSettings(this.#read(key)) : {};
    this.#changed();
  }

  /** Records the agent's choice and remembers it for the next login. Ignored while nobody is logged in. */
  update(patch: OwnSettings): void {
    if (!this.#key) return;
    const next = { ...this.#value, ...patch };
    if (next.autoAnswer) next.autoAnswer = { enabled: next.autoAnswer.enabled, delaySeconds: clampDelay(next.autoAnswer.delaySeconds) };
    this.#value = next;
    try {
      this.#storage?.setItem(this.#key, JSON.stringify(next));
    } catch {
      // Storage full or refused: the choice still holds for this session.
    }
    this.#changed();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #read(key: string): string | null {
    try {
      return this.#storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
