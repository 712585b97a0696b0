import type { RingsideEvent } from '../src/index.js';
import { embedPhone, logLine } from './embed.js';

const phone = document.querySelector('ringside-phone')!;
const log = document.querySelector<HTMLElement>('#log')!;
const report = (promise: Promise<unknown>) => promise.catch((error: Error & { code?: string }) => logLine(log, `error ${error.code}: ${error.message}`));

phone.addEventListener('ringside-event', (event: RingsideEvent) => logLine(log, event.name));
document.querySelector('#call-agent')!.addEventListener('click', () => void report(phone.dial('1001')));
document.querySelector('#hangup')!.addEventListener('click', () => void report(phone.hangUp()));

void embedPhone(phone, '2001');
