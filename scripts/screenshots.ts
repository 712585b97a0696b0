/**
 * `npm run screenshots`: photographs the real phone in each state an agent meets, for the
 * README, into docs/screenshots/. It runs the development stack in this process (free ports,
 * in-memory store; see screenshot-stack.ts), opens Debian's Chromium with fake media, logs
 * agent 1001 into a 360×560 phone, and places real calls through the dev PBX from the
 * customers' (2001, 2002) and a colleague's (1002) phones in other tabs. Each state is
 * reached through the phones' own buttons and waited for in the DOM. Everything it started
 * (browser, HTTP server, Vite, PBX, store) is closed on exit, on error and on Ctrl+C.
 *
 * What changes from run to run: the call timers' seconds, the time in agent state.
 */
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from './chromium.js';
import { PhonePage } from './screenshot-phone.js';
import { startDevStack, type DevStack } from './screenshot-stack.js';

const outDir = new URL('../docs/screenshots/', import.meta.url).pathname;
/** Twice the CSS pixels, so the pictures stay sharp on high-density screens (shown at 360 wide). */
const agentViewport = { width: 360, height: 560, deviceScaleFactor: 2 };

/** Background tabs (the customers') must keep their timers and media running at full speed. */
const backgroundArgs = ['--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows', '--lang=en-US'];

/** Where the agent's phone is photographed when a step fails, to see what it showed instead. */
const failedShot = join(tmpdir(), 'ringside-screenshots-failed.png');

async function photograph(browser: Browser, stack: DevStack): Promise<void> {
  const open = async (userId: string, viewport?: typeof agentViewport) => PhonePage.open(browser, `${stack.base}/widget/?token=${encodeURIComponent(await stack.token(userId))}`, userId, viewport);
  const customer = await open('2001');
  const secondCustomer = await open('2002');
  const colleague = await open('1002');
  const agent = await open('1001', agentViewport);
  await agent.page.bringToFront();
  try {
    await photographStates(agent, customer, secondCustomer, colleague);
  } catch (error) {
    await agent.page.screenshot({ path: failedShot as `${string}.png` }).then(
      () => process.stderr.write(`what the agent's phone showed: ${failedShot}\n`),
      () => undefined,
    );
    throw error;
  }
}

async function photographStates(agent: PhonePage, customer: PhonePage, secondCustomer: PhonePage, colleague: PhonePage): Promise<void> {
  const shot = async (name: string) => {
    await agent.shot(`${outDir}${name}.png`);
    process.stdout.write(`  docs/screenshots/${name}.png\n`);
  };

  await shot('idle');

  await customer.dial('1001');
  await agent.find(['rs-incoming-call', '.card[data-waiting="false"]']);
  await shot('ringing');

  await agent.click(['rs-incoming-call', 'button.ok']);
  await agent.find(['rs-active-call', '.card button.hang-up']);
  await agent.gone(['rs-incoming-call']);
  await shot('in-call');

  await agent.click(['rs-active-call', 'button.keypad-toggle']);
  for (const key of ['1', '2']) await agent.click(['rs-active-call', 'rs-keypad', `button[aria-label="Tone ${key}"]`]);
  await agent.hasText(['rs-active-call', 'rs-keypad', '.sent'], '12');
  await shot('keypad');
  await agent.click(['rs-active-call', 'button.keypad-toggle']);
  await agent.gone(['rs-active-call', 'rs-keypad']);

  await agent.click(['rs-active-call', 'button.transfer']);
  await agent.type(['rs-active-call', 'rs-transfer-dialog', 'form input'], '1002');
  await agent.find(['rs-active-call', 'rs-transfer-dialog', 'button.consult:not([disabled])']);
  await shot('transfer');

  await agent.click(['rs-active-call', 'rs-transfer-dialog', 'button.consult']);
  await colleague.click(['rs-incoming-call', 'button.ok']);
  await agent.find(['rs-active-call', 'rs-transfer-dialog', '.consult button.complete:not([disabled])']);
  // With the lines list above it, the consultation's buttons sit below a 560 px phone's fold.
  await agent.reveal(['rs-active-call', 'rs-transfer-dialog']);
  await shot('consultation');
  await agent.scrollToTop();

  // Back to the customer alone: cancel the consultation, close the dialog.
  await agent.click(['rs-active-call', 'rs-transfer-dialog', '.consult button.cancel']);
  await colleague.find(['rs-dial-pad', 'button.call']);
  await agent.click(['rs-active-call', 'rs-transfer-dialog', 'form button.close']);
  await agent.gone(['rs-active-call', 'rs-transfer-dialog']);
  await agent.find(['rs-active-call', 'button.hold[aria-pressed="false"]']);

  await secondCustomer.dial('1001');
  await agent.find(['rs-incoming-call', '.card[data-waiting="true"]']);
  await agent.find(['rs-lines', 'li.line[data-state="ringing"]']);
  await shot('call-waiting');

  await agent.click(['rs-incoming-call', 'button.ok']);
  await agent.find(['rs-lines', 'li.line[data-held="true"]']);
  await agent.gone(['rs-incoming-call']);
  await shot('two-lines');

  await agent.click(['rs-active-call', 'button.merge']);
  await agent.find(['rs-active-call', 'button.leave']);
  await shot('conference');

  await customer.click(['rs-active-call', 'button.hang-up']);
  await secondCustomer.click(['rs-active-call', 'button.hang-up']);
  await agent.find(['rs-dial-pad', 'button.call']);

  await agent.click(['.settings-button']);
  // The device lists fill in after the panel opens: wait for the fake microphone to be listed.
  await agent.find(['rs-settings', 'select#microphone option:nth-child(2)']);
  await shot('settings');
}

// Both are held as promises from the first moment, so an interrupt while either is still
// starting waits for it and closes it too (the stack owns a temporary Vite cache directory).
const starting = startDevStack();
let launching: Promise<Browser> | undefined;
let stopping: Promise<void> | undefined;
const stop = (): Promise<void> =>
  (stopping ??= (async () => {
    // The browser is this script's child: close it, and kill that one process if closing fails.
    const browser = await launching?.catch(() => undefined);
    await browser?.close().catch(() => browser.process()?.kill('SIGKILL'));
    await starting.then((stack) => stack.close(), () => undefined);
  })());
// `on`, not `once`: a second Ctrl+C must not kill the script halfway through closing. (Run
// as `node --import tsx`: the tsx command would SIGKILL a child busy for 60 ms after a signal.)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop().finally(() => process.exit(130)));

let failed = false;
try {
  await mkdir(outDir, { recursive: true });
  const stack = await starting;
  // Signals are ours to handle (Puppeteer's own SIGINT handler exits before the stack is
  // closed); Puppeteer still kills the browser if this process exits any other way.
  launching = puppeteer.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs, ...backgroundArgs],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const browser = await launching;
  process.stdout.write(`Ringside dev stack on ${stack.base}; writing:\n`);
  await photograph(browser, stack);
} catch (error) {
  failed = true;
  // Steps cut short by an interrupt fail too; that is not worth a stack trace.
  if (!stopping) process.stderr.write(`screenshots failed: ${(error as Error).stack ?? String(error)}\n`);
} finally {
  await stop();
}
// Open sockets of closed servers may linger for a moment; nothing is left to wait for.
process.exit(failed ? 1 : 0);
