/**
 * The classic-script build's entry: `<script src=".../ringside.iife.js">` defines
 * `<ringside-phone>`, exposes the SDK as `window.Ringside`, and, when the page set
 * `window.ringside_options` (or Tegsoft's `window.tegsoft_widget_options`), inserts a
 * floating phone at the end of the body.
 */
import type { RingsidePhone } from './element/ringside-phone.js';
import type { RingsideOptions } from './element/options.js';
import { warnOnce } from './element/warn.js';

export * from './index.js';

declare global {
  interface Window {
    ringside_options?: unknown;
    tegsoft_widget_options?: unknown;
  }
}

const SCRIPT_MARK = 'data-ringside-script';

/** The phone the script tag inserted, if any. */
export function phone(): RingsidePhone | null {
  return document.querySelector(`ringside-phone[${SCRIPT_MARK}]`);
}

function fromTegsoft(options: Record<string, unknown>): RingsideOptions {
  const { tegsoft_hostname: hostname, ...rest } = options;
  return (typeof hostname === 'string' ? { hostname, ...rest } : rest) as RingsideOptions;
}

function insertFromOptions(): void {
  const raw = window.ringside_options ?? window.tegsoft_widget_options;
  if (raw === undefined || phone()) return;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    warnOnce('window.ringside_options should be an object like {server, token, layout}; no phone inserted');
    return;
  }
  const element = document.createElement('ringside-phone');
  element.setAttribute(SCRIPT_MARK, '');
  element.setAttribute('floating', '');
  element.options = fromTegsoft(raw as Record<string, unknown>);
  if (!element.src) warnOnce('window.ringside_options needs server (the Ringside server URL) or widgetUrl');
  document.body.append(element);
}

if (document.body) insertFromOptions();
else document.addEventListener('DOMContentLoaded', insertFromOptions, { once: true });
