/**
 * The agent's chosen microphone, speaker and ringer output, remembered per agent in storage,
 * and what to do when a chosen device is unplugged mid-shift.
 */

/** Which choice: the input, the output for calls, and the output for the ringtone (often the laptop speaker, so a headset on the desk is not needed to hear a call). */
export type DeviceKind = 'microphone' | 'speaker' | 'ringer';

/** A device id per kind; '' means the system default. */
export type DeviceChoiceSet = Readonly<Record<DeviceKind, string>>;

export interface DeviceOption {
  deviceId: string;
  /** The browser's label, or "Microphone 1" / "Speaker 1"… when it gives none (before permission). */
  label: string;
}

export interface DeviceLists {
  microphones: DeviceOption[];
  speakers: DeviceOption[];
}

/**
 * What a subscriber is told. `lost`: a chosen device went away and the choice is the default
 * for now. `returned`: it was plugged back in and is the choice again.
 */
export type DeviceChoiceChange =
  | { change: 'lost'; kind: DeviceKind; deviceId: string; fellBackTo: '' }
  | { change: 'returned'; kind: DeviceKind; deviceId: string };

export type DeviceChoiceListener = (change: DeviceChoiceChange) => void;

export interface DeviceChoicesOptions {
  /** Usually `localStorage`; null where the browser refuses storage (the choices then last for the session). */
  storage: Storage | null;
  /** One key per agent, e.g. `ringside.devices.<tenant>.<userId>`, so agents sharing a browser keep their own. */
  key: string;
  /** Defaults to `navigator.mediaDevices`, which is missing outside secure contexts. */
  mediaDevices?: MediaDevices;
}

const kinds: readonly DeviceKind[] = ['microphone', 'speaker', 'ringer'];
const browserKind: Readonly<Record<DeviceKind, MediaDeviceKind>> = { microphone: 'audioinput', speaker: 'audiooutput', ringer: 'audiooutput' };
const none: DeviceChoiceSet = { microphone: '', speaker: '', ringer: '' };

/** True when audio output can be sent to a chosen device (`setSinkId`); Firefox and Safari long could not. */
export function supportsOutputSelection(): boolean {
  return typeof globalThis.HTMLMediaElement?.prototype.setSinkId === 'function';
}

/**
 * The agent's device choices. What is stored is the agent's preference; `choices` is what to
 * use now. When a chosen device disappears (on `devicechange`), the choice is the default for
 * this session and subscribers are told, but the stored preference is kept, so that when the
 * headset is plugged back in it becomes the choice again without the agent picking it anew.
 *
 * Devices are watched only while someone is subscribed, so an idle widget holds no listener.
 * A device already missing at start-up is noticed at the next `devicechange`; until then
 * `openMicrophone` and `Tones` fall back to the default on their own.
 */
export class DeviceChoices {
  private readonly storage: Storage | null;
  private readonly key: string;
  private readonly mediaDevices: MediaDevices | undefined;
  private preferred: DeviceChoiceSet;
  /** Kinds whose preferred device is absent right now. */
  private readonly absent = new Set<DeviceKind>();
  private readonly listeners = new Set<DeviceChoiceListener>();
  private readonly onDeviceChange = (): void => void this.reconcile();

  constructor(options: DeviceChoicesOptions) {
    this.storage = options.storage;
    this.key = options.key;
    const navigator: Partial<Navigator> | undefined = globalThis.navigator;
    this.mediaDevices = options.mediaDevices ?? navigator?.mediaDevices;
    this.preferred = this.read();
  }

  /** The devices to use now: the preference, or '' (default) for a kind whose device is unplugged. */
  get choices(): DeviceChoiceSet {
    const now = { ...this.preferred };
    for (const kind of this.absent) now[kind] = '';
    return now;
  }

  /** Records the agent's pick for `kind` ('' = system default) and remembers it for next time. */
  choose(kind: DeviceKind, deviceId: string): void {
    this.preferred = { ...this.preferred, [kind]: deviceId };
    this.absent.delete(kind);
    this.write();
  }

  /** The microphones and speakers to offer, without the browser's "default" entry ('' stands for it). */
  async list(): Promise<DeviceLists> {
    const devices = await this.enumerate();
    return { microphones: options(devices, 'audioinput', 'Microphone'), speakers: options(devices, 'audiooutput', 'Speaker') };
  }

  /** Tells `listener` when a chosen device goes away or comes back; returns the unsubscribe. */
  subscribe(listener: DeviceChoiceListener): () => void {
    if (this.listeners.size === 0) this.mediaDevices?.addEventListener('devicechange', this.onDeviceChange);
    this.listeners.add(listener);
    return () => {
      if (!this.listeners.delete(listener) || this.listeners.size > 0) return;
      this.mediaDevices?.removeEventListener('devicechange', this.onDeviceChange);
    };
  }

  private async reconcile(): Promise<void> {
    const devices = await this.enumerate();
    for (const kind of kinds) {
      const deviceId = this.preferred[kind];
      const listed = devices.filter((device) => device.kind === browserKind[kind]);
      // Before permission the browser hides ids ('' for every entry): absence then proves nothing.
      if (!deviceId || listed.some((device) => device.deviceId === '')) continue;
      const present = listed.some((device) => device.deviceId === deviceId);
      if (!present && !this.absent.has(kind)) {
        this.absent.add(kind);
        this.tell({ change: 'lost', kind, deviceId, fellBackTo: '' });
      } else if (present && this.absent.delete(kind)) {
        this.tell({ change: 'returned', kind, deviceId });
      }
    }
  }

  private tell(change: DeviceChoiceChange): void {
    // A listener that throws must not keep the others from hearing about the change.
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch {
        // Nothing to recover here; the listener's own code owns its failure.
      }
    }
  }

  private async enumerate(): Promise<MediaDeviceInfo[]> {
    try {
      return (await this.mediaDevices?.enumerateDevices()) ?? [];
    } catch {
      return [];
    }
  }

  /** The stored preference; anything unreadable (old format, another app's data, broken JSON) reads as defaults. */
  private read(): DeviceChoiceSet {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.storage?.getItem(this.key) ?? 'null');
    } catch {
      return none;
    }
    if (typeof parsed !== 'object' || parsed === null) return none;
    const stored: Partial<Record<string, unknown>> = parsed;
    const pick = (kind: DeviceKind): string => {
      const value = stored[kind];
      return typeof value === 'string' ? value : '';
    };
    return { microphone: pick('microphone'), speaker: pick('speaker'), ringer: pick('ringer') };
  }

  private write(): void {
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.preferred));
    } catch {
      // Storage full or refused: the choice still holds for this session.
    }
  }
}

function options(devices: MediaDeviceInfo[], kind: MediaDeviceKind, noun: string): DeviceOption[] {
  return devices
    .filter((device) => device.kind === kind && device.deviceId !== 'default')
    .map((device, index) => ({ deviceId: device.deviceId, label: device.label || `${noun} ${index + 1}` }));
}
