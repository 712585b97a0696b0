/**
 * A `MediaDevices` the tests control: what `getUserMedia` answers, which devices
 * `enumerateDevices` lists, and when `devicechange` fires. Test support only; no library
 * code imports it.
 */

export type GetUserMedia = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

/** A `MediaDeviceInfo` as the browser lists it. An empty label is what comes before permission. */
export function device(kind: MediaDeviceKind, deviceId: string, label = ''): MediaDeviceInfo {
  const info = { deviceId, groupId: '', kind, label };
  return { ...info, toJSON: () => info };
}

/** A rejection the way the browser makes it, `new DOMException(message, name)`. */
export function rejectWith(name: string): GetUserMedia {
  return () => Promise.reject(new DOMException(`fake ${name}`, name));
}

export class FakeMediaDevices extends EventTarget implements MediaDevices {
  ondevicechange: ((this: MediaDevices, event: Event) => unknown) | null = null;
  /** The constraints of every `getUserMedia` call, in order. */
  readonly requests: MediaStreamConstraints[] = [];
  private devices: MediaDeviceInfo[];
  private readonly answers: GetUserMedia[];

  /** `answers` are used in turn, one per `getUserMedia` call; the last one repeats. */
  constructor(options: { answers?: GetUserMedia[]; devices?: MediaDeviceInfo[] } = {}) {
    super();
    this.answers = options.answers ?? [() => Promise.resolve(new MediaStream())];
    this.devices = options.devices ?? [];
  }

  getUserMedia(constraints: MediaStreamConstraints = {}): Promise<MediaStream> {
    this.requests.push(constraints);
    const answer = this.answers[Math.min(this.requests.length, this.answers.length) - 1];
    return answer ? answer(constraints) : Promise.reject(new DOMException('no answer', 'AbortError'));
  }

  enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return Promise.resolve([...this.devices]);
  }

  getDisplayMedia(): Promise<MediaStream> {
    return Promise.reject(new DOMException('not faked', 'NotSupportedError'));
  }

  getSupportedConstraints(): MediaTrackSupportedConstraints {
    return { deviceId: true };
  }

  /** Replaces the device list and fires `devicechange`, as the browser does when a headset is (un)plugged. */
  plug(devices: MediaDeviceInfo[]): void {
    this.devices = devices;
    this.dispatchEvent(new Event('devicechange'));
  }
}
