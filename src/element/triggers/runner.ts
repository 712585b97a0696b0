import { openWindow, TriggerEngine, type Firing, type TriggerSurface } from '../../triggers/engine.js';
import type { RetryOptions } from '../../triggers/queue.js';
import { clipActivity, type TriggerActivity } from '../../protocol/triggers/activity.js';
import type { RingsideActions } from '../actions-api.js';
import { BlockedPrompts } from './prompt.js';
import { RingsideTriggerBlockedEvent, RingsideTriggerDeliveredEvent, RingsideTriggerFailedEvent, RingsideTriggerFiredEvent, type TriggerFailureCode } from './trigger-events.js';

/**
 * Runs URL triggers in the CRM page, for one `<ringside-phone>` (the engine is
 * src/triggers/engine.ts): every step is a DOM event on the element and a line in the phone's
 * trigger log (action `logTriggerActivity`). `window` and `reuse` open a window (blocked → an
 * "Open …" prompt in the chrome), `route` changes the page's own hash or path (pushState +
 * popstate; never a navigation, which would end the call), `background` goes through the
 * durable outbox. The element's hello tells the phone that it runs them (`runsTriggers`).
 */

/** The DOM event of one step. */
function domEventOf(activity: TriggerActivity): Event | null {
  const firing: Firing = { trigger: activity.trigger, event: activity.event, eventId: activity.eventId };
  switch (activity.kind) {
    case 'fired':
      return new RingsideTriggerFiredEvent(firing, activity.mode ?? '', activity.url ?? '');
    case 'delivered':
      return new RingsideTriggerDeliveredEvent(firing, activity.url ?? '', activity.delivery ?? 'sent', activity.status ?? 0, activity.attempts ?? 0);
    case 'failed':
      return new RingsideTriggerFailedEvent(firing, activity.code as TriggerFailureCode, activity.message ?? '', activity.willRetry ?? false, activity.attempts ?? 0, activity.field ?? '');
    case 'blocked':
      return new RingsideTriggerBlockedEvent(firing, activity.url ?? '');
    default:
      return null;
  }
}

export class TriggerRunner {
  readonly #engine: TriggerEngine;
  readonly #prompts: BlockedPrompts;

  /** `element` is the `<ringside-phone>` (its shadow root gets the prompts); `warn` the SDK's console warning. */
  constructor(element: HTMLElement, warn: (message: string) => void) {
    this.#prompts = new BlockedPrompts(element.shadowRoot!);
    const report = (activity: TriggerActivity): void => {
      const event = domEventOf(activity);
      if (event) element.dispatchEvent(event);
      // The phone's trigger log; a phone older than this SDK answers unknown_action, which is fine.
      const phone = element as Partial<Pick<RingsideActions, 'sendAction'>>;
      phone.sendAction?.('logTriggerActivity', { activity: [clipActivity(activity)] }).catch(() => undefined);
    };
    const surface: TriggerSurface = {
      report,
      warn,
      open: (trigger, url, target, firing, key) => {
        if (openWindow(url, target)) return report({ kind: 'fired', ...firing, mode: trigger.mode, url });
        report({ kind: 'blocked', ...firing, url });
        this.#prompts.show(key, trigger.name || new URL(url).host, () => {
          const opened = openWindow(url, target);
          if (opened) report({ kind: 'fired', ...firing, mode: trigger.mode, url });
          return opened;
        });
      },
      route: (url, firing) => {
        if (url.startsWith('#')) location.hash = url;
        else {
          history.pushState(history.state, '', url);
          dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
        }
        report({ kind: 'fired', ...firing, mode: 'route', url });
      },
    };
    this.#engine = new TriggerEngine(surface);
  }

  /** Checks and keeps the page's triggers; each refused one is a `ringside-trigger-failed` and a console warning. Returns how many were kept. */
  setTriggers(value: unknown, retry: RetryOptions = {}): number {
    return this.#engine.setTriggers(value, retry);
  }

  /** Reads one protocol event from the widget and fires what matches. */
  handle(name: string, data: unknown): void {
    this.#engine.handle(name, data);
  }

  dispose(): void {
    this.#engine.dispose();
    this.#prompts.dispose();
  }
}
