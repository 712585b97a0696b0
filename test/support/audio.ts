import type { RingsidePhone } from '../../src/index.js';

/**
 * What a phone hears, from `getCallStats`: the received audio energy of one call. Chromium's
 * fake microphone beeps, so energy grows while a party is heard and stands still while the
 * far end sends silence (muted, held, not in the mix) or only comfort noise.
 */
export async function energyOf(phone: RingsidePhone, callId?: string): Promise<number> {
  const { calls } = await phone.getCallStats(callId);
  return calls[0]?.audioEnergy ?? 0;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Energy gained per window below which a call counts as silent. A muted or disabled track still
 * sends comfort noise (about 1e-9 per second); one fake beep adds about 0.2.
 */
const SILENCE = 1e-4;

/** Resolves once the phone hears sound on the call (energy grows), or fails after `timeoutMs`. */
export async function hears(phone: RingsidePhone, callId?: string, timeoutMs = 8000): Promise<void> {
  const started = Date.now();
  const first = await energyOf(phone, callId);
  while ((await energyOf(phone, callId)) - first < SILENCE) {
    if (Date.now() - started > timeoutMs) throw new Error(`heard nothing on ${callId ?? 'the call'} within ${timeoutMs} ms`);
    await pause(150);
  }
}

/**
 * Resolves once the phone hears silence on the call: energy stands still over a window
 * longer than the fake microphone's beep period (1 s). Fails if sound keeps arriving.
 */
export async function hearsSilence(phone: RingsidePhone, callId?: string, timeoutMs = 8000): Promise<void> {
  const started = Date.now();
  for (;;) {
    const before = await energyOf(phone, callId);
    await pause(1500);
    if ((await energyOf(phone, callId)) - before < SILENCE) return;
    if (Date.now() - started > timeoutMs) throw new Error(`still hearing sound on ${callId ?? 'the call'} after ${timeoutMs} ms`);
  }
}

/**
 * Resolves once media arrives on the call (received bytes grow). For a phone whose call audio
 * is played through a mix (the agent in a conference): Chromium counts received audio energy
 * only for audio it plays out directly, so there energy says nothing and bytes do.
 */
export async function receives(phone: RingsidePhone, callId: string, timeoutMs = 8000): Promise<void> {
  const bytes = async () => (await phone.getCallStats(callId)).calls[0]?.bytesReceived ?? 0;
  const started = Date.now();
  const first = await bytes();
  while ((await bytes()) <= first) {
    if (Date.now() - started > timeoutMs) throw new Error(`no media arrived on ${callId} within ${timeoutMs} ms`);
    await pause(150);
  }
}
