/**
 * The CCaaS softphone wrapper-library contract (shared/reference/ccaas-softphone-wrapper-contract.txt),
 * served by `<ringside-phone>`: Ringside loads the tenant's (or the host's) wrapper library into
 * the CRM page, calls its `load(callback)` and then its contract functions on the phone's
 * events, and serves what the wrapper asks through `callback(eventType, payload)`.
 *
 * The document does not say how a softphone finds the contract in the library: it names eight
 * functions, so the library is a classic script that defines them as globals (top-level
 * `function load(callback) {…}` and so on). Ringside reads them right after the script has run,
 * only those the script defined or changed, so a page's own globals of the same names are never
 * taken for the wrapper's. Every call into the wrapper is guarded: a wrapper that throws (or
 * rejects) is reported as a `ringside-wrapper-error` event and the phone carries on.
 *
 * Loaded by the element only when a wrapper is configured, so pages without one never load it.
 */
import type { RingsidePhone } from '../element/ringside-phone.js';
import { WrapperSession } from './ccaas-session.js';

/** Error codes of `ringside-wrapper-error`. */
export type WrapperErrorCode =
  /** The URL is not http(s). */
  | 'wrapper_url_invalid'
  /** The script could not be loaded (network, 404, CSP). */
  | 'wrapper_load_failed'
  /** The script defines no `load(callback)` (fatal), or lacks some contract functions (those calls are skipped). */
  | 'wrapper_incomplete'
  /** A contract function threw or its promise rejected; `fn` names it. */
  | 'wrapper_threw'
  /** The wrapper called back with an unknown event type or a payload of the wrong shape. */
  | 'wrapper_bad_callback'
  /** What the wrapper asked for failed in the phone (`cause` is the phone's error code). */
  | 'wrapper_action_failed';

/** The wrapper library was loaded; its `load(callback)` is called once the phone is registered. */
export class RingsideWrapperLoadedEvent extends Event {
  static readonly type = 'ringside-wrapper-loaded';
  constructor(readonly url: string) {
    super(RingsideWrapperLoadedEvent.type, { bubbles: true, composed: true });
  }
}

/** Something went wrong between the phone and the wrapper library; the phone carries on. */
export class RingsideWrapperErrorEvent extends Event {
  static readonly type = 'ringside-wrapper-error';
  constructor(
    readonly code: WrapperErrorCode,
    readonly message: string,
    /** The contract function or callback event type concerned, when there is one. */
    readonly fn = '',
    /** With `wrapper_action_failed`: the phone's error code. */
    readonly cause = '',
  ) {
    super(RingsideWrapperErrorEvent.type, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'ringside-wrapper-loaded': RingsideWrapperLoadedEvent;
    'ringside-wrapper-error': RingsideWrapperErrorEvent;
  }
}

/** The contract's functions, in the document's order. */
export const CONTRACT = ['load', 'incomingCall', 'callAccepted', 'callRejected', 'callEnded', 'callNotesSubmitted', 'outboundCallInitiated', 'statusChanged'] as const;
export type ContractName = (typeof CONTRACT)[number];
export type Contract = Partial<Record<ContractName, (...args: unknown[]) => unknown>>;

/**
 * Which agent state each `softphoneId` stands for: `ready`, `dnd`, `not_ready`,
 * `not_ready:<reason>` or (reported only) `after_call_work`. Without an entry for a state, its
 * softphoneId is the state's own name (`ready`, `not_ready:lunch`).
 */
export type PresenceMap = Record<string, string>;

export interface WrapperConfig {
  url: string;
  presence?: PresenceMap;
}

/** A wrapper URL Ringside will load: http(s) only (the tenant setting is checked more strictly on the server). */
export function wrapperUrlOf(value: unknown, base: string): URL | null {
  if (typeof value !== 'string' || !value.trim() || value.length > 2048) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** One wrapper per element; a second configuration for the same element is ignored. */
const started = new WeakSet<RingsidePhone>();

/**
 * Loads the wrapper library into the page and connects it to `phone`. Resolves once the
 * wrapper's `load(callback)` has been called (or its failure reported); never rejects.
 */
export async function startWrapper(phone: RingsidePhone, config: WrapperConfig): Promise<void> {
  if (started.has(phone)) return;
  started.add(phone);
  const report = (code: WrapperErrorCode, message: string, fn = '', cause = '') => phone.dispatchEvent(new RingsideWrapperErrorEvent(code, message, fn, cause));
  const url = wrapperUrlOf(config.url, document.baseURI);
  if (!url) return void report('wrapper_url_invalid', 'the wrapper library URL must be an http:// or https:// URL');
  let contract: Contract;
  try {
    contract = await loadContract(url.href);
  } catch (error) {
    return void report('wrapper_load_failed', `the wrapper library could not be loaded: ${(error as Error).message}`);
  }
  const missing = CONTRACT.filter((name) => !contract[name]);
  if (missing.length) report('wrapper_incomplete', `the wrapper library does not define ${missing.join(', ')}`, missing[0]);
  if (!contract.load) return;
  phone.dispatchEvent(new RingsideWrapperLoadedEvent(url.href));
  await new WrapperSession(phone, contract, config.presence ?? {}, report).begin();
}

/** Runs the script and takes the contract functions it defined (or replaced) on `window`. */
function loadContract(src: string): Promise<Contract> {
  const globals = window as unknown as Record<string, unknown>;
  const before = new Map(CONTRACT.map((name) => [name, globals[name]]));
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = false;
    script.addEventListener('load', () => {
      const contract: Contract = {};
      for (const name of CONTRACT) {
        const value = globals[name];
        if (typeof value === 'function' && value !== before.get(name)) contract[name] = value as (...args: unknown[]) => unknown;
      }
      resolve(contract);
    });
    script.addEventListener('error', () => reject(new Error(`${src} did not load`)));
    document.head.append(script);
  });
}
