import type { WidgetCore } from '../services/widget-core.js';
import { chooseLanguage, getLocale, setLocale } from './locale.js';

/**
 * Keeps the phone's language in step with the host's option, the tenant's default and the
 * browser (in that order of precedence): checked on every change of the core, switched only
 * when the choice changes. A language that fails to load leaves the current one in place.
 */
export function followLanguage(core: WidgetCore, browser: () => readonly string[] = () => navigator.languages): () => void {
  let loggedIn = false;
  const apply = () => {
    const snapshot = core.snapshot();
    loggedIn = snapshot.agent !== null;
    const wanted = chooseLanguage(core.prefs.language, loggedIn ? core.settings.defaultLanguage : undefined, browser());
    if (wanted === getLocale()) return;
    // Screen readers pronounce the page in the language its root element names.
    setLocale(wanted).then(() => (document.documentElement.lang = wanted), () => undefined);
  };
  apply();
  return core.subscribe(apply);
}
