import { configureLocalization } from '@lit/localize';

/**
 * The phone's languages. English is in the code (`msg('…', { id })`); Italian and Turkish
 * are loaded when chosen, so they cost nothing on first load. Ids are written by hand, not
 * hashed, so a translation file reads as a list of the phone's strings.
 */
export const languages = ['en', 'it', 'tr'] as const;
export type Language = (typeof languages)[number];

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['it', 'tr'],
  loadLocale: (locale) => (locale === 'it' ? import('./locales/it.js') : import('./locales/tr.js')),
});

/** The first of `wanted` the phone speaks, by language tag or its primary subtag (`it-CH` → `it`). */
export function pickLanguage(...wanted: readonly (string | undefined)[]): Language {
  for (const tag of wanted) {
    const primary = tag?.toLowerCase().split('-')[0];
    const found = languages.find((language) => language === primary);
    if (found) return found;
  }
  return 'en';
}

/**
 * The language from the host's option, else the tenant's default, else the browser's list.
 * The tenant default counts only when the host named none, and the browser only when
 * neither did.
 */
export function chooseLanguage(hostOption: string | undefined, tenantDefault: string | undefined, browser: readonly string[]): Language {
  if (hostOption) return pickLanguage(hostOption, tenantDefault, ...browser);
  if (tenantDefault) return pickLanguage(tenantDefault, ...browser);
  return pickLanguage(...browser);
}
