import { checkPrefs, isRecord, type PhonePrefs } from '../protocol/index.js';
import { warnOnce } from './warn.js';
import type { RetryOptions } from '../triggers/queue.js';
import type { TriggerConfig } from '../protocol/triggers/validate.js';

/**
 * Options in the shape of Tegsoft's `tegsoft_widget_options`, so a CRM switching over can
 * keep its object: `window.ringside_options` for the script tag, or the `options` property
 * of `<ringside-phone>`.
 */
export interface RingsideLayoutOptions {
  /** Restore the phone when a call rings while it is minimized or hidden. */
  autoMaximize?: boolean;
  style?: { padding?: string; borderRadius?: string; height?: string; width?: string };
  minimize?: { enable?: boolean };
  hideToSide?: { enable?: boolean };
  hideInIcon?: { enable?: boolean };
  movable?: { enable?: boolean; position?: 'left' | 'right' };
}

export interface RingsideOptions {
  /** Base URL of the Ringside server (the widget is at `<server>/widget/`). Tegsoft: `tegsoft_hostname`. */
  server?: string;
  /** Same as `server`, for Tegsoft-shaped objects. */
  hostname?: string;
  /** Full widget URL, when it is not at `<server>/widget/`. */
  widgetUrl?: string;
  token?: string;
  usercode?: string;
  clearpassword?: string;
  layout?: RingsideLayoutOptions;
  /**
   * How the phone behaves for this agent: `language`, `autoAnswer` ({enabled, delaySeconds}),
   * `shortcuts`. Sent to the widget in each handshake, so a change applies at the next load.
   */
  phone?: PhonePrefs;
  /** Desktop notifications for calls that ring while the CRM tab is hidden. Off by default. */
  notifications?: boolean;
  /** URL triggers run in this page (README "URL triggers"); the same as the element's `triggers` property. */
  triggers?: TriggerConfig[];
  /** Retries of background triggers: `firstDelayMs` (1 s), `maxDelayMs` (5 min), `maxAttempts` (12). */
  triggerRetry?: RetryOptions;
  /**
   * A CCaaS wrapper library (http(s) URL) to load into this page and drive (README "CCaaS
   * wrapper library"); wins over the tenant's `wrapperUrl`, and `''` loads none at all.
   */
  wrapperUrl?: string;
  /** The wrapper's `softphoneId` for each agent state (`{"<guid>": "ready", "<guid>": "not_ready:lunch"}`); wins over the tenant's. */
  wrapperPresence?: Record<string, string>;
}

/** Reads an element attribute: its value, or null when it is absent. */
export type AttributeReader = (name: string) => string | null;

/** The checked layout, every value present. */
export interface Layout {
  autoMaximize: boolean;
  padding: string;
  borderRadius: string;
  height: string;
  width: string;
  minimize: boolean;
  hideToSide: boolean;
  hideInIcon: boolean;
  movable: boolean;
  position: 'left' | 'right';
}

export const defaultLayout: Layout = {
  autoMaximize: false,
  padding: '0px',
  borderRadius: '8px',
  height: '560px',
  width: '360px',
  minimize: false,
  hideToSide: false,
  hideInIcon: false,
  movable: false,
  position: 'right',
};

const LENGTH = /^(?:0|\d{1,5}(?:\.\d{1,3})?(?:px|vh|vw|%|rem|em))$/;

function flag(path: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (isRecord(value) && typeof value.enable === 'boolean') return value.enable;
  if (typeof value === 'boolean') return value;
  warnOnce(`option ${path} should be {enable: true|false}; using ${fallback}`);
  return fallback;
}

function length(path: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && LENGTH.test(value.trim())) return value.trim();
  warnOnce(`option ${path} should be a length in px, vh, vw or % (like "560px"); using ${fallback}`);
  return fallback;
}

/** Reads a layout object of unknown shape; every wrong option is named in a warning. */
export function readLayout(value: unknown): Layout {
  if (value === undefined) return { ...defaultLayout };
  if (!isRecord(value)) {
    warnOnce('option layout should be an object; using the default layout');
    return { ...defaultLayout };
  }
  const style = value.style === undefined ? {} : isRecord(value.style) ? value.style : (warnOnce('option layout.style should be an object'), {});
  const movable = value.movable;
  let position = defaultLayout.position;
  if (isRecord(movable) && movable.position !== undefined) {
    if (movable.position === 'left' || movable.position === 'right') position = movable.position;
    else warnOnce(`option layout.movable.position should be "left" or "right"; using ${position}`);
  }
  if (value.autoMaximize !== undefined && typeof value.autoMaximize !== 'boolean') warnOnce('option layout.autoMaximize should be true or false');
  return {
    autoMaximize: value.autoMaximize === true,
    padding: length('layout.style.padding', style.padding, defaultLayout.padding),
    borderRadius: length('layout.style.borderRadius', style.borderRadius, defaultLayout.borderRadius),
    height: length('layout.style.height', style.height, defaultLayout.height),
    width: length('layout.style.width', style.width, defaultLayout.width),
    minimize: flag('layout.minimize', value.minimize, false),
    hideToSide: flag('layout.hideToSide', value.hideToSide, false),
    hideInIcon: flag('layout.hideInIcon', value.hideInIcon, false),
    movable: flag('layout.movable', movable, false),
    position,
  };
}

/** The boolean layout attributes, and the layout flag each one turns on. */
const LAYOUT_FLAGS = { 'auto-maximize': 'autoMaximize', minimize: 'minimize', 'hide-to-side': 'hideToSide', 'hide-in-icon': 'hideInIcon', movable: 'movable' } as const;

/** The options' layout, with the element's own attributes on top. */
export function layoutOf(options: RingsideOptions, attribute: AttributeReader): Layout {
  const layout = readLayout(options.layout);
  for (const [name, flag] of Object.entries(LAYOUT_FLAGS)) if (attribute(name) !== null) layout[flag] = true;
  const position = attribute('position');
  if (position === 'left' || position === 'right') layout.position = position;
  else if (position !== null) warnOnce('attribute position should be "left" or "right"');
  return layout;
}

/** Where a warning about a phone preference sends the integrator. */
const PREFS_HELP = 'see "Phone preferences" in the Ringside README';

/**
 * Reads `options.phone` through the checker the widget uses, so what the host sends is what
 * the widget keeps. Every field dropped is named in a warning; the rest still apply.
 */
export function readPhonePrefs(value: unknown): PhonePrefs {
  const prefs = checkPrefs(value);
  if (value !== undefined && !isRecord(value)) warnOnce(`option phone should be an object; ${PREFS_HELP}`);
  else for (const key of Object.keys(value ?? {})) if (value?.[key] !== undefined && !Object.hasOwn(prefs, key)) warnOnce(`option phone.${key.slice(0, 40)} is malformed or unknown and ignored; ${PREFS_HELP}`);
  return prefs;
}

/**
 * The phone preferences to send: `options.phone`, with the attributes `language="it"`,
 * `auto-answer="3"` (seconds; `off` turns it off) and `shortcuts="off"|"on"` on top. An
 * attribute that is absent or malformed asks nothing: the option, else the phone's default, applies.
 */
export function phonePrefsOf(options: RingsideOptions, attribute: AttributeReader): PhonePrefs {
  const language = attribute('language');
  const autoAnswer = attribute('auto-answer');
  const shortcuts = attribute('shortcuts');
  // In the option's shape, so the one checker judges them; `auto-answer="soon"` fails its delay.
  const asked: Record<string, unknown> = {};
  if (language !== null) asked.language = language;
  if (autoAnswer !== null) asked.autoAnswer = { enabled: autoAnswer !== 'off', delaySeconds: autoAnswer === 'off' ? 0 : /^\d+$/.test(autoAnswer) ? Number(autoAnswer) : NaN };
  if (shortcuts !== null) asked.shortcuts = shortcuts === 'on' ? true : shortcuts === 'off' ? false : shortcuts;
  const checked = checkPrefs(asked);
  for (const key of Object.keys(asked)) if (!Object.hasOwn(checked, key)) warnOnce(`attribute ${key === 'autoAnswer' ? 'auto-answer' : key} is malformed and ignored; ${PREFS_HELP}`);
  return { ...readPhonePrefs(options.phone), ...checked };
}

/** The widget's URL from the element's `src`: http(s) only; an empty src would be this very page. */
export function parseWidgetUrl(src: string, base: string): URL | null {
  if (!src.trim()) return null;
  try {
    const url = new URL(src.trim(), base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
  } catch {
    return null;
  }
}

/** Whether desktop notifications are on: the `notifications` attribute, or the option. */
export function notificationsOf(options: RingsideOptions, attribute: AttributeReader): boolean {
  return attribute('notifications') !== null || options.notifications === true;
}

/** The widget URL from `widgetUrl`, or `server`/`hostname` (a bare host gets https). */
export function widgetUrlOf(options: RingsideOptions): string | null {
  if (typeof options.widgetUrl === 'string') return options.widgetUrl;
  const server = options.server ?? options.hostname;
  if (server === undefined) return null;
  if (typeof server !== 'string' || server.trim() === '') {
    warnOnce('option server should be the Ringside server URL, like "https://phone.example.com"');
    return null;
  }
  const base = /^https?:\/\//.test(server) ? server : `https://${server}`;
  try {
    return new URL('widget/', base.endsWith('/') ? base : `${base}/`).href;
  } catch {
    warnOnce(`option server is not a URL: ${server.slice(0, 80)}`);
    return null;
  }
}
