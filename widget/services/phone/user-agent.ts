import { SIPExtension, UserAgent, type UserAgentDelegate, type Web } from 'sip.js';
// The factory from its own module: importing sip.js's `Web` namespace as a value would bundle
// its SessionManager and SimpleUser too (about 7 kB gzip the phone never uses).
import { defaultSessionDescriptionHandlerFactory } from 'sip.js/lib/platform/web/session-description-handler/session-description-handler-factory-default.js';
import type { SipConfig } from '../phone-types.js';

/**
 * The phone's sip.js UserAgent. sip.js 0.21's own reconnect is unreliable (FIELD-NOTES), so
 * it is switched off and registration.ts runs our own loop. No public STUN (sip.js's default)
 * and a short ICE gathering wait (FIELD-NOTES); the tenant's TURN servers when it has some.
 */
export function makeUserAgent(config: SipConfig, delegate: UserAgentDelegate, mediaStreamFactory: Web.MediaStreamFactory): UserAgent {
  return new UserAgent({
    uri: UserAgent.makeURI(`sip:${config.user}@${config.domain}`),
    displayName: config.displayName,
    authorizationUsername: config.username,
    authorizationPassword: config.password,
    transportOptions: { server: config.wsUrl, connectionTimeout: 5, keepAliveInterval: 25 },
    reconnectionAttempts: 0,
    sipExtensionReplaces: SIPExtension.Supported,
    // Off, with no connector: the build compiles sip.js's logger calls out (vite.config.ts).
    logBuiltinEnabled: false,
    logLevel: 'error',
    userAgentString: 'Ringside',
    sessionDescriptionHandlerFactory: defaultSessionDescriptionHandlerFactory(mediaStreamFactory),
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: { iceServers: config.iceServers ?? [] },
      iceGatheringTimeout: 500,
    },
    delegate,
  });
}

/** Audio only unless the call has video. */
export const audioOnly = { constraints: { audio: true, video: false } };
