/**
 * Why the browser did not open the microphone or the camera, from its getUserMedia error:
 * shared by both, since the causes (and so the fixes) are the same; each says it in its own words.
 */
export type MediaFailure = 'denied' | 'blocked_by_frame' | 'missing' | 'busy' | 'insecure' | 'failed';

/** The browser's name for an error (`NotAllowedError`…); OverconstrainedError is not a DOMException everywhere. */
export function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') return error.name;
  return '';
}

export function mediaFailureOf(error: unknown, doc: Document | undefined, feature: 'microphone' | 'camera'): MediaFailure {
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'SecurityError':
      // The browser says "not allowed" both when the agent said no and when the CRM's iframe
      // lacks allow="microphone" (or camera); only the second is the admin's to fix.
      return frameAllows(doc, feature) ? 'denied' : 'blocked_by_frame';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'missing';
    case 'NotReadableError':
    case 'AbortError':
      return 'busy';
    default:
      return 'failed';
  }
}

/** The policy object Chromium exposes as `permissionsPolicy` (newer) or `featurePolicy` (older); not in lib.dom. */
interface FeaturePolicyLike {
  allowsFeature(feature: string): boolean;
}

/** False only when the document's policy says no; browsers without either API get the benefit of the doubt. */
function frameAllows(doc: Document | undefined, feature: string): boolean {
  const policyDoc = doc as (Document & { permissionsPolicy?: FeaturePolicyLike; featurePolicy?: FeaturePolicyLike }) | undefined;
  const policy = policyDoc?.permissionsPolicy ?? policyDoc?.featurePolicy;
  if (typeof policy?.allowsFeature !== 'function') return true;
  try {
    return policy.allowsFeature(feature) !== false;
  } catch {
    return true;
  }
}

/** `navigator.mediaDevices` of the document's window; lib.dom calls it always present, but insecure pages lack it. */
export function mediaDevicesOf(doc: Document | undefined): MediaDevices | undefined {
  const navigator: Partial<Navigator> | undefined = doc?.defaultView?.navigator;
  return navigator?.mediaDevices;
}
