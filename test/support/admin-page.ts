import { fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../admin/components/app/app.js';
import type { RsAdminApp } from '../../admin/components/app/app.js';
import type { RingsidePhone } from '../../src/index.js';
import { EventLog } from './phone.js';

/**
 * Drives the admin page the way a person does: finds controls by their accessible name or
 * field name through every shadow root, types, clicks and presses keys. The page runs in the
 * test page itself (same origin as the admin API, http://localhost:8000).
 */

export const ADMIN = { username: 'admin', password: 'ringside-dev-admin' };

/** Every element matching `selector`, in document order, looking into open shadow roots (a host's own included). */
export function deepAll<E extends Element = HTMLElement>(root: ParentNode, selector: string): E[] {
  const found: E[] = root instanceof Element && root.shadowRoot ? deepAll<E>(root.shadowRoot, selector) : [];
  for (const element of root.querySelectorAll('*')) {
    if (element.matches(selector)) found.push(element as E);
    if (element.shadowRoot) found.push(...deepAll<E>(element.shadowRoot, selector));
  }
  return found;
}

/** The element that has focus, looking into shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The accessible name of a button as a screen reader gets it here: aria-label, else its text. */
export const nameOf = (element: Element): string => (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The text of everything in `root`, shadow roots included (what a sighted admin reads). */
export function deepText(root: Element | ShadowRoot): string {
  const parts: string[] = [];
  for (const node of root.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    else if (node instanceof HTMLInputElement || node instanceof HTMLStyleElement || node instanceof HTMLTemplateElement) continue;
    else if (node instanceof Element) parts.push(deepText(node.shadowRoot ?? node));
  }
  return parts.join(' ').replace(/\s+/g, ' ');
}

export async function until<T>(what: string, probe: () => T | undefined | null | false, timeout = 10000): Promise<T> {
  let value: T | undefined | null | false;
  await waitUntil(() => (value = probe()), `timed out waiting for ${what}`, { timeout, interval: 20 });
  return value as T;
}

/** The button named `name` (exactly, or matching), once it is on the page. */
export const button = (root: ParentNode, name: string | RegExp): Promise<HTMLButtonElement> =>
  until(`a button named "${name}"`, () => deepAll<HTMLButtonElement>(root, 'button').find((b) => (typeof name === 'string' ? nameOf(b) === name : name.test(nameOf(b)))));

/** Presses a list's Add button and waits for the new row; returns the row's API name (`allowedOrigins[3]`). */
export async function addRow(root: ParentNode, buttonName: string, list: string): Promise<string> {
  const rowCount = () => new Set(deepAll<HTMLInputElement>(root, `[name^="${list}["]`).map((input) => input.name.slice(0, input.name.indexOf(']') + 1))).size;
  // The button renders with the rows: count them once it is there.
  const add = await button(root, buttonName);
  const before = rowCount();
  add.click();
  await until(`a new row in ${list}`, () => rowCount() === before + 1);
  return `${list}[${before}]`;
}

/** The control whose `name` is the API field `field`, once it is on the page. */
export const field = <E extends HTMLInputElement | HTMLSelectElement = HTMLInputElement>(root: ParentNode, name: string): Promise<E> =>
  until(`the field ${name}`, () => deepAll<E>(root, `[name="${CSS.escape(name)}"]`)[0]);

/** Types into a field as the page sees it (value, then an input event). */
export async function fill(root: ParentNode, name: string, value: string): Promise<HTMLInputElement> {
  const input = await field(root, name);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  return input;
}

/** Focuses `element` and presses Enter on the real keyboard. */
export async function enterIn(element: HTMLElement): Promise<void> {
  element.focus();
  await sendKeys({ press: 'Enter' });
}

/** The message an input's aria-describedby points at, read from the input's own shadow root. */
export function describedText(input: Element): string {
  const root = input.getRootNode() as ShadowRoot;
  return (input.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => root.getElementById(id)?.textContent?.trim() ?? `(no element #${id})`)
    .join(' | ');
}

/** The admin API with the page's session (cookie) and CSRF token, for arranging and checking. */
export async function adminApi<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const me = await fetch('/api/admin/me', { credentials: 'same-origin' });
  const csrf = me.ok ? ((await me.json()) as { csrfToken: string }).csrfToken : '';
  const response = await fetch(`/api/admin${path}`, {
    method,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Ends any admin session this browser has, so the page starts at its login form. */
export async function adminLogout(): Promise<void> {
  await adminApi('POST', '/logout');
}

export async function mountAdmin(): Promise<RsAdminApp> {
  return fixture<RsAdminApp>(html`<rs-admin-app></rs-admin-app>`);
}

/** Logs in through the page's form (typing, then Enter), and waits for the logged-in header. */
export async function logIn(app: RsAdminApp, credentials = ADMIN): Promise<void> {
  await fill(app, 'username', credentials.username);
  const password = await fill(app, 'password', credentials.password);
  await enterIn(password);
  await until('the logged-in header', () => deepText(app.shadowRoot!).includes(`Logged in as ${credentials.username}`));
}

/** A unique suffix, so tests that create tenants or agents never meet each other's. */
export const unique = (): string => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

/** Mints a login token with a tenant's API key, as the CRM's server does. */
export async function mintWithKey(apiKey: string, userId: string): Promise<{ status: number; token?: string; error?: { code: string } }> {
  const response = await fetch('/api/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ userId }),
  });
  return { status: response.status, ...((await response.json()) as { token?: string; error?: { code: string } }) };
}

/** A tenant's phone page (`/t/<tenant>/widget/` on the widget origin): framed only by that tenant's origins. */
export const tenantPhonePage = (tenantId: string): string => `http://127.0.0.1:8000/t/${encodeURIComponent(tenantId)}/widget/`;

/** Mounts `<ringside-phone>` with a login token and a phone page; registration is the caller's to wait for. */
export function mountPhoneAt(src: string, token: string): { phone: RingsidePhone; log: EventLog } {
  const phone = document.createElement('ringside-phone');
  const log = new EventLog(phone);
  phone.token = token;
  phone.src = src;
  document.body.append(phone);
  return { phone, log };
}
