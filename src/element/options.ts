import { warnOnce } from './warn.js';

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
}

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

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function flag(path: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (isObject(value) && typeof value.enable === 'boolean') return value.enable;
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
  if (!isObject(value)) {
    warnOnce('option layout should be an object; using the default layout');
    return { ...defaultLayout };
  }
  const style = value.style === undefined ? {} : isObject(value.style) ? value.style : (warnOnce('option layout.style should be an object'), {});
  const movable = value.movable;
  let position = defaultLayout.position;
  if (isObject(movable) && movable.position !== undefined) {
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
