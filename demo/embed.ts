import '../src/index.js';
import type { RingsidePhone } from '../src/index.js';

/**
 * What a CRM does: get a token for its agent from its own backend (here the dev server's
 * demo endpoint stands in for it) and hand it to the phone, never through a URL.
 */
export async function embedPhone(phone: RingsidePhone, user: string): Promise<void> {
  const response = await fetch(`/demo/token?user=${encodeURIComponent(user)}`);
  const { token } = (await response.json()) as { token: string };
  phone.token = token;
  phone.src = '/widget/';
}

export function logLine(list: HTMLElement, text: string): void {
  const item = document.createElement('li');
  item.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  list.prepend(item);
}
