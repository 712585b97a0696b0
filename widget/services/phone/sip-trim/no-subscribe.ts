/**
 * In place of sip.js's SUBSCRIBE client (and, through it, its subscription dialog): the phone
 * never subscribes to anything. sip.js builds one only from `UserAgentCore.subscribe()`, which
 * only its `Subscriber` API calls; should that ever change, this says so instead of failing
 * somewhere deeper. Incoming SUBSCRIBE and the NOTIFYs of a transfer do not use it.
 */
export class SubscribeUserAgentClient {
  constructor() {
    throw new Error('the phone does not send SUBSCRIBE (sip.js subscriptions are left out of the build: widget/services/phone/sip-trim)');
  }
}
