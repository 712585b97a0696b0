import { posix } from 'node:path';

/**
 * sip.js modules the phone replaces with its own, smaller ones, in the build (vite.config.ts)
 * and in the browser tests (scripts/wtr-base.mjs) alike, so that every test call runs the
 * code that ships. Keys are paths inside sip.js's lib/; values are paths in this repository.
 * - md5: sip.js bundles a general-purpose MD5 and calls only `hashStr` (digest authentication).
 * - subscribe client: the phone never sends SUBSCRIBE; this drops the client and its dialog.
 */
export const SIP_TRIM: Record<string, string> = {
  'core/messages/md5.js': 'widget/services/phone/sip-trim/md5.ts',
  'core/user-agents/subscribe-user-agent-client.js': 'widget/services/phone/sip-trim/no-subscribe.ts',
};

const LIB = '/node_modules/sip.js/lib/';

/** The replacement (a repository path) for `source` imported by the sip.js file `importer`, if any. */
export function sipTrimmed(source: string, importer: string | undefined): string | null {
  if (!importer || !source.startsWith('.')) return null;
  const from = importer.replaceAll('\\', '/').split('?')[0] ?? '';
  const at = from.lastIndexOf(LIB);
  if (at < 0) return null;
  const target = posix.normalize(posix.join(posix.dirname(from.slice(at + LIB.length)), source));
  return SIP_TRIM[target] ?? null;
}
