import type { ThemeTokens } from '../../../src/protocol/index.js';

/** The host's theme tokens (checked by guards.ts) as the custom properties the views use. */
export function themeProperties(theme: ThemeTokens): [string, string][] {
  const properties: Record<string, string | undefined> = {
    '--rs-accent': theme.accent,
    '--rs-ok': theme.ok,
    '--rs-danger': theme.danger,
    '--rs-warn': theme.warn,
    '--rs-text': theme.text,
    '--rs-muted': theme.muted,
    '--rs-border': theme.border,
    '--rs-surface': theme.surface,
    '--rs-surface-2': theme.surface2,
    '--rs-font': theme.font,
    '--rs-radius': theme.radius,
  };
  return Object.entries(properties).filter((entry): entry is [string, string] => Boolean(entry[1]));
}
