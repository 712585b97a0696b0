/**
 * The dev PBX under the "Safe to deploy" review's exhaustion attacks, in figures:
 * - the cost of a message before login: a normal REGISTER (baseline) against the worst shapes
 *   an attacker can send now (the largest message the bounds still parse; a 59 kB message,
 *   refused before parsing) and what the 59 kB message cost when it was parsed;
 * - the memory left behind by 3,000 unauthenticated REGISTERs with made-up users.
 * Prints figures and ratios only.
 */
import { WebSocket } from 'ws';
import { defaultPbxLimits, oversize } from '../server/pbx/limits.js';
import { DevPbx } from '../server/pbx/pbx.js';
import { parseSip } from '../server/pbx/sip-text.js';

const REALM = 'ringside.bench';
const register = (user: string, extra = '') =>
  `REGISTER sip:${REALM} SIP/2.0\r\nVia: SIP/2.0/WS b.invalid;branch=z9hG4bK${user}\r\nMax-Forwards: 70\r\nFrom: <sip:${user}@${REALM}>;tag=t\r\nTo: <sip:${user}@${REALM}>\r\nCall-ID: c-${user}\r\nCSeq: 1 REGISTER\r\nContact: <sip:${user}@b.invalid;transport=ws>\r\n${extra}Content-Length: 0\r\n\r\n`;

/** Median microseconds to take one message the way the PBX does: bounds first, then the parser. */
function cost(text: string, bounded: boolean, runs = 200): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    if (!bounded || !oversize(text, defaultPbxLimits)) parseSip(text)?.parseHeader('contact');
    times.push((performance.now() - t0) * 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

export async function benchPbx(): Promise<void> {
  const normal = register('1001');
  const largestParsed = register('1001', Array.from({ length: 7 }, (_, i) => `Contact: <sip:${'a'.repeat(1990)}${i}@x.invalid>\r\n`).join(''));
  const huge = register('1001', `Contact: <sip:${'a'.repeat(59 * 1024)}@x.invalid>\r\n`);
  const base = cost(normal, true);
  const rows: [string, number][] = [
    [`largest message still parsed (${(largestParsed.length / 1024).toFixed(1)} kB, lines ≤ 2 kB)`, cost(largestParsed, true, 50)],
    ['59 kB message, refused before parsing', cost(huge, true)],
    ['59 kB message, parsed (before the bounds)', cost(huge, false, 5)],
  ];
  console.log('\nDev PBX: cost of one message before login (median)\n');
  console.log(`${'normal REGISTER (baseline)'.padEnd(58)} ${base.toFixed(0).padStart(8)} µs`);
  for (const [label, us] of rows) console.log(`${label.padEnd(58)} ${us.toFixed(0).padStart(8)} µs   (${(us / base).toFixed(1)}× the baseline)`);

  const pbx = new DevPbx({ host: '127.0.0.1', port: 0, realm: REALM, secret: 'bench-secret', lookupUser: () => undefined });
  await pbx.start();
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().rss;
  const socket = new WebSocket(pbx.url, 'sip');
  await new Promise((resolve) => socket.once('open', resolve));
  let answered = 0;
  const done = new Promise<void>((resolve) => socket.on('message', () => ++answered === 3000 && resolve()));
  for (let i = 0; i < 3000; i++) socket.send(register(`flood${i}`));
  await done;
  socket.close();
  gc?.();
  const after = process.memoryUsage().rss;
  await pbx.stop();
  console.log(`\n3,000 unauthenticated REGISTERs with made-up users: RSS ${(before / 2 ** 20).toFixed(0)} → ${(after / 2 ** 20).toFixed(0)} MB; attempts remembered: ${pbx.registerAttempts.size}${gc ? '' : ' (run with --expose-gc for a settled figure)'}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPbx();
