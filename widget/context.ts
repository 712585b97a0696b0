import { createContext } from '@lit/context';
import type { WidgetCore } from './services/widget-core.js';

/** The widget core, provided once by `<rs-app>`; tests provide their own. */
export const widgetContext = createContext<WidgetCore>(Symbol('ringside-widget-core'));
