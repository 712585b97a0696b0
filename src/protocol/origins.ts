/**
 * Origin rules shared by both sides. An allow-list entry is an exact origin
 * (`https://crm.example.com`) or a wildcard on one leading label (`https://*.example.com`).
 */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function isOriginAllowed(origin: string, allowList: readonly string[]): boolean {
  if (!origin || origin === 'null') return false;
  for (const entry of allowList) {
    if (entry === origin) return true;
    const wildcard = /^(https?):\/\/\*\.(.+)$/.exec(entry);
    if (!wildcard) continue;
    const [, scheme, suffix] = wildcard;
    const parsed = normalizeOrigin(origin);
    if (!parsed) continue;
    const url = new URL(parsed);
    if (url.protocol === `${scheme}:` && url.host.endsWith(`.${suffix}`)) return true;
  }
  return false;
}
