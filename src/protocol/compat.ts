import { ErrorCode, ringsideError, type RingsideError } from './errors.js';
import { PROTOCOL_VERSION } from './messages.js';

/**
 * The one place where other protocol versions are upgraded or refused.
 *
 * - No `v` at all: a Tegsoft-style message (version 0). Its envelope is a subset of v1, so
 *   it is served as v1 unchanged.
 * - `v` equal to PROTOCOL_VERSION: served as is.
 * - Anything else (a newer host, a typo): refused with `unsupported_version`, naming the
 *   version this widget speaks, so the host can tell an upgrade is needed.
 */
export type Upgraded = { ok: true; message: Record<string, unknown> } | { ok: false; error: RingsideError };

export function upgradeMessage(raw: Record<string, unknown>): Upgraded {
  const v = Object.prototype.hasOwnProperty.call(raw, 'v') ? raw.v : undefined;
  if (v === undefined || v === PROTOCOL_VERSION) return { ok: true, message: raw };
  return {
    ok: false,
    error: ringsideError(ErrorCode.UnsupportedVersion, `protocol version ${String(v).slice(0, 16)} is not supported; this widget speaks ${PROTOCOL_VERSION}`),
  };
}
