/**
 * One step of a URL trigger, as the phone's trigger log shows it: a line per firing, delivery,
 * attempt that failed, blocked window and offered window. The element reports the steps of the
 * triggers it runs in the CRM page with the action `logTriggerActivity`; the phone adds the
 * steps of those it runs itself (a plain iframe embed). The same steps are the element's
 * `ringside-trigger-*` DOM events; `offered` is the phone's alone.
 */
export type TriggerActivityKind =
  /** Its window opened, its route changed, or its request was queued. */
  | 'fired'
  /** A background request arrived: `delivery` `confirmed` (2xx with CORS) or `sent` (opaque). */
  | 'delivered'
  /** Refused when set, a value it could not use, or an attempt of a background request (`willRetry`). */
  | 'failed'
  /** The browser blocked its window; the CRM page shows an "Open …" prompt. */
  | 'blocked'
  /** The phone, embedded without the element, shows an "Open …" button for its window. */
  | 'offered';

export const triggerActivityKinds = ['fired', 'delivered', 'failed', 'blocked', 'offered'] as const satisfies readonly TriggerActivityKind[];

export interface TriggerActivity {
  kind: TriggerActivityKind;
  /** The trigger's name, or `trigger-<n>` (`tenant-<n>`, `agent-<n>`) from its place in its list. */
  trigger: string;
  /** The trigger event (`inbound.received`); `''` for a trigger refused when set. */
  event: string;
  /** The firing's id (`<%EVENTID%>`); `''` for a trigger refused when set. */
  eventId: string;
  /** `fired`: the mode (`window`, `reuse`, `background`, `route`). */
  mode?: string;
  /** The URL it opened, routed to or requested. */
  url?: string;
  delivery?: 'confirmed' | 'sent';
  /** `delivered`: the HTTP status (0 for `sent`). */
  status?: number;
  /** Attempts so far (background requests). */
  attempts?: number;
  /** `failed`: the code (`unknown_key`, `http_error`, `gave_up`, …) and what it means. */
  code?: string;
  message?: string;
  /** `failed`: whether the request stays queued and will be tried again. */
  willRetry?: boolean;
  /** `failed` when set: the field refused (`url`, `when.queue`). */
  field?: string;
}

/** The longest each text of a step may be: what `logTriggerActivity` accepts, and what the element cuts a step to before it sends it. */
export const ACTIVITY_TEXT_LIMITS = { trigger: 120, event: 100, eventId: 64, url: 2048, code: 40, message: 300, field: 100 } as const;

/** The most attempts a step may count. */
export const MAX_ACTIVITY_ATTEMPTS = 1000;

/**
 * A step as `logTriggerActivity` accepts it: each text without control characters and cut to
 * its limit (a refusal's message quotes what the admin typed, a URL may carry long notes), the
 * attempts capped. What the check would still refuse is the sender's mistake, not the step's.
 */
export function clipActivity(activity: TriggerActivity): TriggerActivity {
  const out: Record<string, unknown> = { ...activity };
  for (const [name, longest] of Object.entries(ACTIVITY_TEXT_LIMITS)) {
    const value = out[name];
    if (typeof value === 'string') out[name] = value.replace(/\p{Cc}/gu, ' ').slice(0, longest);
  }
  if (typeof activity.attempts === 'number') out.attempts = Math.min(Math.max(0, Math.floor(activity.attempts)), MAX_ACTIVITY_ATTEMPTS);
  return out as unknown as TriggerActivity;
}
