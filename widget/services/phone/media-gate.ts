import type { Web } from 'sip.js';
import { PhoneError, type DeviceChoice } from '../phone-types.js';

/**
 * Opens the microphone for calls, on the agent's chosen device. `prepare()` opens it before a
 * call is answered or placed, so a denied or missing microphone fails the command with
 * `media_unavailable` while the call keeps ringing, instead of failing the call after the
 * answer went out. sip.js then takes the prepared stream through `factory`.
 */
export class MediaGate {
  #prepared: MediaStream | null = null;
  #choice: DeviceChoice = { microphone: '', speaker: '' };
  readonly #fellBack: (message: string) => void;

  constructor(fellBack: (message: string) => void) {
    this.#fellBack = fellBack;
  }

  get choice(): DeviceChoice {
    return this.#choice;
  }

  set choice(choice: DeviceChoice) {
    this.#choice = choice;
  }

  /** Opens the microphone now; throws `media_unavailable` (with how to fix it) when it cannot. */
  async prepare(): Promise<void> {
    this.release();
    this.#prepared = await this.#open(false);
  }

  /**
   * Fetches the microphone code ahead of the first call: it is not in the phone's first load,
   * and the phone asks for it at login so no call waits for it.
   */
  warm(): void {
    void import('../media/microphone.js').catch(() => undefined);
  }

  /** Stops a prepared stream that no call took (the call ended before it needed it). */
  release(): void {
    for (const track of this.#prepared?.getTracks() ?? []) track.stop();
    this.#prepared = null;
  }

  /** sip.js's media stream factory: the prepared stream once, else a newly opened one. */
  readonly factory: Web.MediaStreamFactory = async (constraints) => {
    const prepared = this.#prepared;
    if (prepared && !constraints.video) {
      this.#prepared = null;
      return prepared;
    }
    return this.#open(Boolean(constraints.video));
  };

  async #open(video: boolean): Promise<MediaStream> {
    const { openMicrophone } = await import('../media/microphone.js');
    const result = await openMicrophone(this.#choice.microphone ? { deviceId: this.#choice.microphone, video } : { video });
    if (!result.ok) throw new PhoneError(result.error);
    if (result.fellBack) this.#fellBack('The chosen microphone is not connected; using the default microphone.');
    return result.stream;
  }
}
