import { mintToken } from './phone.js';

/**
 * The Tegsoft-style CRM page (test/fixtures/tegsoft-host.html): the phone in a plain iframe
 * with auto-login in its URL, no element. Same-origin with the test, so the test drives it
 * through `sendAction` and reads the events its `message` listener kept in `received`.
 */
export interface TegsoftHost extends Window {
  received: { type: string; group: string; name: string; data: Record<string, any> }[];
  sendAction(payload: unknown): void;
  queryStatus(): void;
}

export async function tegsoftHost(userId: string): Promise<TegsoftHost> {
  const frame = document.createElement('iframe');
  frame.src = `/test/fixtures/tegsoft-host.html?token=${encodeURIComponent(await mintToken(userId))}`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return frame.contentWindow as TegsoftHost;
}
