/**
 * `npm run bench:interop`: latency figures of Ringside on Kamailio + rtpengine, medians
 * (and p90) over RUNS runs in one go. Builds first if dist/ is missing. Prints figures only;
 * nothing here is asserted.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { WebSocket } from 'ws';
import { loadDevConfig } from '../server/config.js';
import { ephemeralCredentials } from '../server/credentials.js';
import { serveBuilt } from '../server/serve.js';
import { runSipp } from '../test/interop/sipp.js';
import { INTEROP_DOMAIN, INTEROP_SECRET, InteropStack } from '../test/interop/stack.js';
import { chromiumArgs, chromiumPath } from './chromium.js';

const RUNS = Number(process.env.RUNS ?? 20);
const HTTP_PORT = 8120;
const root = fileURLToPath(new URL('..', import.meta.url));

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(1).padStart(7)} ms   p90 ${at(0.9).toFixed(1).padStart(7)} ms   (n=${sorted.length})`;
}

/** sipp's message trace: wall-clock time of the first message matching `line`. */
function traceTime(trace: string, line: RegExp): number {
  for (const block of trace.split(/\n(?=-{10,} )/)) {
    const stamp = /^-{10,} (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+)/.exec(block);
    const body = block.split('\n').slice(2).join('\n');
    if (stamp && line.test(body)) return Date.parse(`${stamp[1]!.replace(' ', 'T').slice(0, 23)}Z`) + Number(`0.${stamp[1]!.split('.')[1]!.slice(3)}`);
  }
  throw new Error(`no ${line} in the sipp trace`);
}

async function registerRoundTrips(wsUrl: string): Promise<{ challenge: number[]; authenticated: number[] }> {
  const md5 = (s: string) => createHash('md5').update(s).digest('hex');
  const ws = new WebSocket(wsUrl, 'sip', { origin: `http://127.0.0.1:${HTTP_PORT}` });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  const inbox: string[] = [];
  let wake: (() => void) | null = null;
  ws.on('message', (d) => (inbox.push(d.toString()), wake?.()));
  const next = async () => {
    while (!inbox.length) await new Promise<void>((r) => (wake = r));
    return inbox.shift()!;
  };
  const { username, password } = ephemeralCredentials(INTEROP_SECRET, '1003', 600);
  const uri = `sip:${INTEROP_DOMAIN}`;
  let cseq = 1;
  const send = (auth?: string) =>
    ws.send([`REGISTER ${uri} SIP/2.0`, `Via: SIP/2.0/WS bench.invalid;branch=z9hG4bK${Math.random().toString(36).slice(2)}`, 'Max-Forwards: 70',
      `To: <sip:1003@${INTEROP_DOMAIN}>`, `From: <sip:1003@${INTEROP_DOMAIN}>;tag=bench`, 'Call-ID: bench-register', `CSeq: ${cseq++} REGISTER`,
      'Contact: <sip:bench@bench.invalid;transport=ws>;expires=600', ...(auth ? [auth] : []), 'Content-Length: 0', '', ''].join('\r\n'));
  const challenge: number[] = [];
  const authenticated: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let t0 = performance.now();
    send();
    const reply = await next();
    challenge.push(performance.now() - t0);
    const nonce = /nonce="([^"]+)"/.exec(reply)![1]!;
    const response = md5(`${md5(`${username}:${INTEROP_DOMAIN}:${password}`)}:${nonce}:00000001:b:auth:${md5(`REGISTER:${uri}`)}`);
    t0 = performance.now();
    send(`Authorization: Digest username="${username}", realm="${INTEROP_DOMAIN}", nonce="${nonce}", uri="${uri}", response="${response}", qop=auth, nc=00000001, cnonce="b", algorithm=MD5`);
    const ok = await next();
    authenticated.push(performance.now() - t0);
    if (!ok.startsWith('SIP/2.0 200')) throw new Error(`REGISTER failed: ${ok.split('\r\n')[0]}`);
  }
  ws.close();
  return { challenge, authenticated };
}

if (!existsSync(`${root}dist/sdk/ringside.js`)) spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit', cwd: root });

const stack = new InteropStack(`http://127.0.0.1:${HTTP_PORT}`);
const server = await serveBuilt(
  loadDevConfig(
    {
      RINGSIDE_HTTP_PORT: String(HTTP_PORT),
      RINGSIDE_SIP_PORT: '5094',
      RINGSIDE_SIP_SECRET: INTEROP_SECRET,
      RINGSIDE_SIP_DOMAIN: INTEROP_DOMAIN,
      RINGSIDE_SIP_WS_URL: stack.wsUrl,
      RINGSIDE_ALLOWED_ORIGINS: `http://localhost:${HTTP_PORT}`,
      RINGSIDE_DATA_DIR: 'memory',
    },
    { embeddedPbx: false },
  ),
  [['/fixtures/', `${root}test/fixtures/`]],
);
const browser = await puppeteer.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
try {
  await stack.startRtpengine();
  const startup: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    startup.push(await stack.startKamailio());
    if (i < RUNS - 1) await stack.stopKamailio();
  }
  const register = await registerRoundTrips(stack.wsUrl);

  const page = await browser.newPage();
  await page.goto(`http://localhost:${HTTP_PORT}/fixtures/bench-host.html`);
  await page.waitForFunction(() => (window as unknown as { bench: { registered: boolean } }).bench.registered, { timeout: 15000 });
  const ringing: number[] = [];
  const answer: number[] = [];
  const cycle: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const result = await runSipp({ scenario: 'uac-call', service: '1001', localPort: 5075, mediaPort: 6100, pauseMs: 0, keys: { caller: '15550009999', caller_name: 'Bench', pai_number: '15550009999', pai_name: 'Bench', queue: 'Bench', did: '100' } });
    if (result.exitCode !== 0) throw new Error(`sipp run ${i} failed:\n${result.output.slice(-1500)}`);
    const marks = await page.evaluate(() => (window as unknown as { bench: Record<string, number[]> }).bench);
    const invite = traceTime(result.trace, /^INVITE sip:/m);
    const ok = traceTime(result.trace, /^SIP\/2\.0 200 OK[\s\S]*CSeq: 1 INVITE/m);
    const byeOk = traceTime(result.trace, /^SIP\/2\.0 200 OK[\s\S]*CSeq: 2 BYE/m);
    ringing.push(marks.ringing![i]! - invite);
    answer.push(ok - marks.answerCalled![i]!);
    cycle.push(byeOk - invite);
  }

  console.log(`\nRingside on Kamailio 5.6 + rtpengine, ${RUNS} runs each (loopback, 2 cores)\n`);
  console.log(`Kamailio start-up (spawn → answers SIP)        ${stats(startup)}`);
  console.log(`REGISTER round trip, challenge (401)           ${stats(register.challenge)}`);
  console.log(`REGISTER round trip, authenticated (200)       ${stats(register.authenticated)}`);
  console.log(`INVITE on the wire → host DOM ringing event    ${stats(ringing)}`);
  console.log(`answer action → 200 OK at sipp                 ${stats(answer)}`);
  console.log(`whole call cycle (INVITE → 200 OK for BYE)     ${stats(cycle)}`);
} finally {
  await browser.close();
  await server.close();
  await stack.stop();
}
