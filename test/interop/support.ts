/** Browser-side helpers for the interop suite's test-only endpoints. */

import type { SippResult, SippRun as SippOptions } from './sipp.js';

async function post(path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) });
  return (await response.json()) as Record<string, unknown>;
}

/** Starts sipp; the returned promise is its result once it exits. */
export async function startSipp(options: SippOptions): Promise<{ done: Promise<SippResult> }> {
  const { id } = await post('/test-only/sipp/start', options);
  return { done: fetch(`/test-only/sipp/wait?id=${id}`).then((r) => r.json() as Promise<SippResult>) };
}

export async function relayedPackets(): Promise<{ callId: string; packetsByTag: Record<string, number> }[]> {
  const response = await fetch('/test-only/rtpengine/packets');
  return ((await response.json()) as { calls: { callId: string; packetsByTag: Record<string, number> }[] }).calls;
}

export const stopKamailio = () => post('/test-only/kamailio/stop');
export const startKamailio = () => post('/test-only/kamailio/start') as Promise<{ readyMs: number; readyAt: number }>;
export const shortNextSession = (seconds: number) => post(`/test-only/next-session-ttl?seconds=${seconds}`);
export const wssNextSession = () => post('/test-only/next-session-wss');
