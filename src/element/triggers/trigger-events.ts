/**
 * The DOM events of URL triggers on `<ringside-phone>`: bubbling, composed, past tense. They live
 * in the lazily loaded trigger chunk (a page without triggers never loads them); hosts listen by
 * type and read the typed fields (`RingsideEventMap` in events.ts lists them).
 */

/** What every trigger event names: the trigger and the firing. */
export interface TriggerEventDetail {
  /** The trigger's name, or `trigger-<n>` from its place in the list. */
  trigger: string;
  /** The trigger event (`inbound.received`, `OnIncomingCallRinging`); `''` for a refused trigger. */
  event: string;
  /** The firing's id (`<%EVENTID%>`, the `Idempotency-Key` header); `''` for a refused trigger. */
  eventId: string;
}

abstract class TriggerEvent extends Event implements TriggerEventDetail {
  readonly trigger: string;
  readonly event: string;
  readonly eventId: string;
  constructor(type: string, detail: TriggerEventDetail) {
    super(type, { bubbles: true, composed: true });
    this.trigger = detail.trigger;
    this.event = detail.event;
    this.eventId = detail.eventId;
  }
}

/** A trigger fired: its window opened, its route changed, or its request was queued. */
export class RingsideTriggerFiredEvent extends TriggerEvent {
  static readonly type = 'ringside-trigger-fired';
  constructor(
    detail: TriggerEventDetail,
    readonly mode: string,
    readonly url: string,
  ) {
    super(RingsideTriggerFiredEvent.type, detail);
  }
}

/**
 * A background request arrived. `delivery` says how sure that is: `confirmed` is a 2xx from an
 * endpoint that allows CORS; `sent` is an opaque (no-cors) request, which proves only that it left.
 */
export class RingsideTriggerDeliveredEvent extends TriggerEvent {
  static readonly type = 'ringside-trigger-delivered';
  constructor(
    detail: TriggerEventDetail,
    readonly url: string,
    readonly delivery: 'confirmed' | 'sent',
    /** The HTTP status (0 for `sent`: an opaque response has none to read). */
    readonly status: number,
    readonly attempts: number,
  ) {
    super(RingsideTriggerDeliveredEvent.type, detail);
  }
}

export type TriggerFailureCode =
  /** The trigger was refused when set: `field` and `message` say why (`unknown_key`, `scheme_not_allowed`, …). */
  | import('../../protocol/triggers/validate.js').TriggerErrorCode
  /** A value made the URL unusable (`.`/`..` in a path), or would have left the page's origin. */
  | import('../../protocol/triggers/template.js').RenderErrorCode
  /** The endpoint answered with this non-2xx status. */
  | 'http_error'
  /** The request did not get through (network down, DNS, or CORS refused: a browser does not say which). */
  | 'network_error'
  /** Retries ran out (or the queue was full); the request is dropped. */
  | 'gave_up';

/** A trigger failed: refused when set, a value it could not use, or an attempt of a background request. */
export class RingsideTriggerFailedEvent extends TriggerEvent {
  static readonly type = 'ringside-trigger-failed';
  constructor(
    detail: TriggerEventDetail,
    readonly code: TriggerFailureCode,
    readonly message: string,
    /** Whether the request stays queued and will be tried again. */
    readonly willRetry: boolean,
    /** Attempts made so far (background requests). */
    readonly attempts = 0,
    /** For a refused trigger: the field refused (`url`, `when.queue`). */
    readonly field = '',
  ) {
    super(RingsideTriggerFailedEvent.type, detail);
  }
}

/** The browser blocked a trigger's window (no user gesture): the phone shows an "Open …" button instead. */
export class RingsideTriggerBlockedEvent extends TriggerEvent {
  static readonly type = 'ringside-trigger-blocked';
  constructor(
    detail: TriggerEventDetail,
    readonly url: string,
  ) {
    super(RingsideTriggerBlockedEvent.type, detail);
  }
}
