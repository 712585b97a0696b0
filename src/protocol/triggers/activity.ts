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
