import type { Session, Web } from 'sip.js';
import type { CallStats } from '../../../src/protocol/index.js';
import type { CallRecord } from './call-record.js';

/** The media side of a call: its peer connection, its figures, and playing what it hears. */

export function peerOf(session: Session): RTCPeerConnection | undefined {
  return (session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined)?.peerConnection;
}

/** Audio bytes and packets in and out, summed over the call's RTP streams (getStats). */
export async function callStats(callId: string, peer: RTCPeerConnection | undefined): Promise<CallStats> {
  const figures: CallStats = { callId, bytesReceived: 0, bytesSent: 0, packetsReceived: 0, packetsLost: 0, jitter: 0, audioEnergy: 0 };
  const report = await peer?.getStats();
  report?.forEach((entry: Record<string, unknown>) => {
    if (entry.kind !== 'audio') return;
    if (entry.type === 'inbound-rtp') {
      figures.bytesReceived += Number(entry.bytesReceived ?? 0);
      figures.packetsReceived += Number(entry.packetsReceived ?? 0);
      figures.packetsLost += Number(entry.packetsLost ?? 0);
      figures.jitter = Math.max(figures.jitter, Number(entry.jitter ?? 0));
      figures.audioEnergy = (figures.audioEnergy ?? 0) + Number(entry.totalAudioEnergy ?? 0);
    } else if (entry.type === 'outbound-rtp') {
      figures.bytesSent += Number(entry.bytesSent ?? 0);
    }
  });
  return figures;
}

/**
 * Plays the far end on the chosen speaker ('' = default); `blocked` is told when the browser
 * wants a user gesture first. A speaker that is gone falls back to the default output.
 */
export function playRemoteAudio(session: Session, speakerId: string, blocked: () => void): HTMLAudioElement | null {
  const handler = session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  if (!handler) return null;
  const audio = new Audio();
  audio.autoplay = true;
  audio.srcObject = handler.remoteMediaStream;
  if (speakerId && typeof audio.setSinkId === 'function') audio.setSinkId(speakerId).catch(() => undefined);
  audio.play().catch(blocked);
  return audio;
}

/**
 * Sends the microphone and plays the far end only on the line the agent is on: a held line
 * (or one the far end would not hold, `isolate`) gets neither, whatever the SIP hold said.
 * Mute silences the microphone only, never the camera. In a conference the mixer owns what
 * is sent.
 */
export function applyLineMedia(record: CallRecord, isolate = false): void {
  const peer = peerOf(record.session);
  if (!peer) return;
  const away = isolate || record.info.held;
  for (const sender of peer.getSenders()) {
    if (!sender.track || (record.info.conference && sender.track.kind === 'audio')) continue;
    sender.track.enabled = !away && !(sender.track.kind === 'audio' && record.info.muted);
  }
  for (const receiver of peer.getReceivers()) receiver.track.enabled = !away;
  if (away) record.audio?.pause();
  else if (!record.info.conference) record.audio?.play().catch(() => undefined);
}
