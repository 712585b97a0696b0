import type { RingsideEvent } from '../src/index.js';
import { embedPhone, logLine } from './embed.js';

const phone = document.querySelector('ringside-phone')!;
const log = document.querySelector<HTMLElement>('#log')!;
const pop = document.querySelector<HTMLElement>('#screen-pop')!;

phone.addEventListener('ringside-event', (event: RingsideEvent) => {
  const call = 'call' in event.data ? event.data.call : undefined;
  logLine(log, `${event.name}${call ? ` ${call.direction} ${call.remoteNumber} (${call.state})` : ''}`);
});
phone.addEventListener('ringside-incoming-call-ringing', (event) => {
  const { call } = event.data;
  pop.hidden = false;
  pop.textContent = `Screen pop: ${call.remoteName || 'Unknown caller'} (${call.remoteNumber}) is calling.`;
});
phone.addEventListener('ringside-incoming-call-hangup', () => (pop.hidden = true));
phone.addEventListener('ringside-agent-ring-no-answer', () => (pop.hidden = true));

const report = (promise: Promise<unknown>) => promise.catch((error: Error & { code?: string }) => logLine(log, `error ${error.code}: ${error.message}`));

document.querySelector('#contacts')!.addEventListener('click', (event) => {
  const link = (event.target as HTMLElement).closest<HTMLAnchorElement>('a[data-dial]');
  if (!link) return;
  event.preventDefault();
  void report(phone.dial(link.dataset.dial!));
});
document.querySelector('#answer')!.addEventListener('click', () => void report(phone.answer()));
document.querySelector('#hangup')!.addEventListener('click', () => void report(phone.hangUp()));
document.querySelector('#mute')!.addEventListener('click', () => void report(phone.mute()));
document.querySelector('#unmute')!.addEventListener('click', () => void report(phone.unmute()));
document.querySelector('#status')!.addEventListener('click', () =>
  void report(phone.queryStatus().then((status) => logLine(log, `status: ${status.registration}, ${status.calls.length} call(s)`))),
);

void embedPhone(phone, '1001');
