/** What the video watcher (video.ts) and the camera commands (video-commands.ts) both read of a peer connection. */

export const isLive = (transceiver: RTCRtpTransceiver) => transceiver.direction !== 'stopped' && transceiver.currentDirection !== 'stopped';

/** The call's video transceiver that is not on its way out, if any. */
export function videoTransceiver(peer: RTCPeerConnection): RTCRtpTransceiver | undefined {
  return peer.getTransceivers().find((t) => t.receiver.track.kind === 'video' && isLive(t));
}

/** Whether the last negotiation kept a video stream in the call: an m-line that was accepted, not rejected (port 0). */
export function hasVideo(peer: RTCPeerConnection): boolean {
  const transceiver = videoTransceiver(peer);
  return Boolean(transceiver && transceiver.mid !== null && transceiver.currentDirection !== null);
}

export const stopTracks = (stream: MediaStream) => stream.getTracks().forEach((track) => track.stop());
