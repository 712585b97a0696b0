import { msg } from '@lit/localize';
import type { DeskCore } from './desk-core.js';
import { DeviceChoices, type DeviceChoiceChange, type DeviceChoiceSet, type DeviceKind, type DeviceLists } from './media/device-choices.js';

/** A chosen device that went away, in words, until it returns or the agent dismisses it. */
export interface DeviceNotice {
  kind: DeviceKind;
  message: string;
}

export interface DevicesOptions {
  /** Where each agent's choices are kept: the widget's localStorage, or null when refused. */
  storage: Storage | null;
  /** Defaults to `navigator.mediaDevices`. */
  mediaDevices?: MediaDevices;
}

const defaults: DeviceChoiceSet = { microphone: '', speaker: '', ringer: '' };

/** What the agent is told when a chosen device goes away (and the host, as `OnDeviceFallback`). */
export function fallbackMessage(kind: DeviceKind): string {
  switch (kind) {
    case 'microphone':
      return msg('The chosen microphone is no longer connected. The phone uses the system default microphone until it is back.', { id: 'devices.lost-microphone' });
    case 'speaker':
      return msg('The chosen speaker is no longer connected. Calls play on the system default speaker until it is back.', { id: 'devices.lost-speaker' });
    case 'ringer':
      return msg('The chosen ringer output cannot be used. The phone rings on the system default speaker until it is back.', { id: 'devices.lost-ringer' });
  }
}

/**
 * The logged-in agent's microphone, speaker and ringer output. Keeps one `DeviceChoices` per
 * agent (`use(key)` at login), hands the microphone and speaker to the phone service at login
 * and whenever they change, and when a chosen device goes away tells the host
 * (`OnDeviceFallback`) and keeps a notice for the screen until it comes back.
 *
 * The ringer reads `choices.ringer` and is told through `subscribe`.
 */
export class Devices {
  readonly #core: Pick<DeskCore, 'phone' | 'emit'>;
  readonly #options: DevicesOptions;
  readonly #listeners = new Set<() => void>();
  #choices: DeviceChoices | null = null;
  #unwatch: (() => void) | null = null;
  #notice: DeviceNotice | null = null;
  /** What the phone service was last given, so a ringer-only change is not pushed. */
  #pushed = '';
  /** Ringer outputs a tone could not use this session, each reported once. */
  readonly #failedSinks = new Set<string>();

  constructor(core: Pick<DeskCore, 'phone' | 'emit'>, options: DevicesOptions) {
    this.#core = core;
    this.#options = options;
  }

  /** The devices to use now ('' = system default); all defaults while nobody is logged in. */
  get choices(): DeviceChoiceSet {
    return this.#choices?.choices ?? defaults;
  }

  /** The latest chosen device gone, or null. */
  get notice(): DeviceNotice | null {
    return this.#notice;
  }

  /** Switches to the choices stored under `key` (one agent's) and gives them to the phone; `null` at logout. */
  use(key: string | null): void {
    this.#unwatch?.();
    this.#unwatch = null;
    this.#notice = null;
    this.#failedSinks.clear();
    this.#pushed = '';
    this.#choices = key ? new DeviceChoices({ storage: this.#options.storage, key, ...(this.#options.mediaDevices ? { mediaDevices: this.#options.mediaDevices } : {}) }) : null;
    if (this.#choices) {
      this.#unwatch = this.#choices.subscribe((change) => this.#onDeviceChange(change));
      this.#push();
    }
    this.#changed();
  }

  /** The agent's pick for `kind` ('' = default); used from now on and remembered for the next login. */
  choose(kind: DeviceKind, deviceId: string): void {
    if (!this.#choices) return;
    this.#choices.choose(kind, deviceId);
    if (this.#notice?.kind === kind) this.#notice = null;
    this.#failedSinks.delete(deviceId);
    this.#push();
    this.#changed();
  }

  /** The microphones and speakers to offer (labels only after microphone permission). */
  list(): Promise<DeviceLists> {
    return this.#choices?.list() ?? Promise.resolve({ microphones: [], speakers: [] });
  }

  dismissNotice(): void {
    if (!this.#notice) return;
    this.#notice = null;
    this.#changed();
  }

  /**
   * A tone could not use the chosen ringer output (`Tones`' `onFallback`: unplugged before
   * the browser said so, or not allowed) and rings on the default. Reported once per output.
   */
  ringerFellBack(sinkId: string): void {
    if (!this.#choices || sinkId !== this.choices.ringer || this.#failedSinks.has(sinkId)) return;
    this.#failedSinks.add(sinkId);
    this.#fellBack('ringer');
    this.#changed();
  }

  /** Told when the choices or the notice change. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #onDeviceChange(change: DeviceChoiceChange): void {
    if (change.change === 'lost') this.#fellBack(change.kind);
    else if (this.#notice?.kind === change.kind) this.#notice = null;
    this.#push();
    this.#changed();
  }

  #fellBack(kind: DeviceKind): void {
    const message = fallbackMessage(kind);
    this.#notice = { kind, message };
    this.#core.emit('OnDeviceFallback', { kind, message });
  }

  #push(): void {
    const { microphone, speaker } = this.choices;
    const pushed = JSON.stringify([microphone, speaker]);
    if (pushed === this.#pushed) return;
    this.#pushed = pushed;
    this.#core.phone.setDevices({ microphone, speaker });
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
