import { msg } from '@lit/localize';
import { ErrorCode, type RingsideError } from '../../../src/protocol/index.js';
import { errorName, mediaDevicesOf, mediaFailureOf, type MediaFailure } from './media-failure.js';

/**
 * Opening the agent's microphone, and saying in words an agent (or the CRM admin) can act on
 * why it did not open. Plain browser APIs only: the phone service hands the stream to sip.js.
 */

/** Why the microphone did not open; each one has its own fix, so the UI can tell them apart. */
export type MicrophoneFailure = MediaFailure;

/**
 * What to tell the agent for each failure. Exported so that the UI shows the same words the
 * error carries, and each one says how to fix it rather than only what went wrong. A function,
 * not a table, so the words are in the language in effect when the failure happens.
 */
export function microphoneFailureMessage(reason: MicrophoneFailure): string {
  switch (reason) {
    case 'denied':
      return msg('The browser is not allowing the microphone for this site. Allow it in the address bar (the camera/microphone icon) or in the site settings, then try again.', { id: 'microphone.denied' });
    case 'blocked_by_frame':
      return msg('The CRM page does not let the phone use the microphone. Ask your CRM administrator to add allow="microphone" to the iframe that holds the phone (the Ringside element sets it; a hand-written iframe must set it too).', { id: 'microphone.blocked-by-frame' });
    case 'missing':
      return msg('No microphone was found. Plug in a headset or microphone, then try again.', { id: 'microphone.missing' });
    case 'busy':
      return msg('Another application is using the microphone. Close it (or end its call), then try again.', { id: 'microphone.busy' });
    case 'insecure':
      return msg('The microphone is only available on a secure (https) page. Open the phone over https.', { id: 'microphone.insecure' });
    case 'failed':
      return msg('The microphone could not be opened. Reload the page and try again; if it keeps failing, restart the browser.', { id: 'microphone.failed' });
  }
}

export interface OpenMicrophoneOptions {
  /** The chosen input; '' or absent means the system default. */
  deviceId?: string;
  /** Also ask for the camera (the phone is audio-only; kept for completeness). */
  video?: boolean;
  /** Whose permissions policy decides "blocked by the frame"; also the source of `mediaDevices`. Defaults to `document`. */
  doc?: Document;
  /** Defaults to the document's `navigator.mediaDevices`, which is missing outside secure contexts. */
  mediaDevices?: MediaDevices;
}

export type MediaUnavailableError = RingsideError & { code: typeof ErrorCode.MediaUnavailable };

export type OpenMicrophoneResult =
  | { ok: true; stream: MediaStream; fellBack: boolean }
  | { ok: false; error: MediaUnavailableError; reason: MicrophoneFailure };

/**
 * Opens the microphone (and the camera if asked). Never throws: every failure comes back as a
 * `media_unavailable` error with a reason. When the chosen device is gone (unplugged since it
 * was chosen), it opens the default one instead and says so with `fellBack: true`, because a
 * call on the laptop microphone is better than no call.
 */
export async function openMicrophone(options: OpenMicrophoneOptions = {}): Promise<OpenMicrophoneResult> {
  const doc = options.doc ?? globalThis.document;
  const devices = options.mediaDevices ?? mediaDevicesOf(doc);
  if (typeof devices?.getUserMedia !== 'function') return failure('insecure');
  const video = options.video ?? false;
  const deviceId = options.deviceId ?? '';
  try {
    const audio = deviceId ? { deviceId: { exact: deviceId } } : true;
    return { ok: true, stream: await devices.getUserMedia({ audio, video }), fellBack: false };
  } catch (error) {
    if (!deviceId || !isDeviceGone(error)) return failure(reasonFor(error, doc), error);
  }
  try {
    return { ok: true, stream: await devices.getUserMedia({ audio: true, video }), fellBack: true };
  } catch (error) {
    return failure(reasonFor(error, doc), error);
  }
}

/** The exact device asked for is not there: worth one more try with the default. */
function isDeviceGone(error: unknown): boolean {
  const name = errorName(error);
  return name === 'OverconstrainedError' || name === 'NotFoundError';
}

const reasonFor = (error: unknown, doc: Document | undefined): MicrophoneFailure => mediaFailureOf(error, doc, 'microphone');

function failure(reason: MicrophoneFailure, cause?: unknown): OpenMicrophoneResult {
  const name = errorName(cause);
  // For the catch-all, the browser's own error name is what support needs to look into it.
  const message = reason === 'failed' && name ? `${microphoneFailureMessage('failed')} (${name})` : microphoneFailureMessage(reason);
  return { ok: false, reason, error: { code: ErrorCode.MediaUnavailable, message } };
}
