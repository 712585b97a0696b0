import { conditionsHold, newEventId, TriggerContext, valuesOf, type Occurrence } from './mapping.js';
import { BlockedPrompts } from './prompt.js';
import { claimEvent, DeliveryQueue, type Outgoing, type RetryOptions } from './queue.js';
import { renderText, renderUrl, type Template } from '../../protocol/triggers/template.js';
import { RingsideTriggerBlockedEvent, RingsideTriggerDeliveredEvent, RingsideTriggerFailedEvent, RingsideTriggerFiredEvent, type TriggerEventDetail } from './trigger-events.js';
import { checkTriggers, type JsonTemplate, type Trigger } from '../../protocol/triggers/validate.js';
import type { KeyValues } from '../../protocol/triggers/keys.js';

/**
 * Runs URL triggers in the CRM page, for one `<ringside-phone>`: reads each protocol event the
 * element receives, fires the triggers that match, and reports every step as a DOM event on
 * the element. `window` and `reuse` open a window (blocked → an "Open …" prompt in the chrome),
 * `route` changes the page's own hash or path (pushState + popstate; never a navigation, which
 * would end the call), `background` goes through the durable outbox.
 */

interface TriggerHost {
  /** The element: trigger events are dispatched on it. */
  element: HTMLElement;
  /** Its shadow root, where the blocked-window prompts go. */
  root: ShadowRoot;
  /** The SDK's once-per-message console warning. */
  warn(message: string): void;
}

/** Two tabs that get the same call event within this long fire its triggers once (in the first). */
const SAME_EVENT_MS = 2000;

const dispatch = (host: TriggerHost, event: Event) => host.element.dispatchEvent(event);

function renderJson(value: JsonTemplate, values: KeyValues): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => renderJson(item, values));
  if ('parts' in value && 'kind' in value) return renderText(value as Template, values);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderJson(item, values)]));
}

export class TriggerRunner {
  readonly #host: TriggerHost;
  readonly #context = new TriggerContext();
  readonly #prompts: BlockedPrompts;
  readonly #tab = newEventId();
  #triggers: Trigger[] = [];
  /** The tenant's triggers, from the login (`OnLogin.triggers`), run besides the element's. */
  #tenantTriggers: Trigger[] = [];
  /** The agent's own, from the phone's settings (`OnLogin.agentTriggers`, `OnAgentTriggersChanged`). */
  #agentTriggers: Trigger[] = [];
  #queue: DeliveryQueue | null = null;
  #retry: RetryOptions = {};

  /** `element` is the `<ringside-phone>` (its shadow root gets the prompts); `warn` the SDK's console warning. */
  constructor(element: HTMLElement, warn: (message: string) => void) {
    this.#host = { element, root: element.shadowRoot!, warn };
    this.#prompts = new BlockedPrompts(this.#host.root);
  }

  /** Checks and keeps triggers; each refused one is a `ringside-trigger-failed` and a console warning. Returns how many were kept. */
  setTriggers(value: unknown, retry: RetryOptions = {}): number {
    const { triggers, problems } = checkTriggers(value);
    this.#triggers = triggers;
    this.#retry = retry;
    for (const problem of problems) {
      const id = problem.index >= 0 ? `trigger-${problem.index + 1}` : 'triggers';
      this.#host.warn(`trigger ${problem.index + 1} refused (${problem.code}${problem.field ? ` at ${problem.field}` : ''}): ${problem.message}`);
      dispatch(this.#host, new RingsideTriggerFailedEvent({ trigger: id, event: '', eventId: '' }, problem.code, problem.message, false, 0, problem.field));
    }
    // Requests a previous page left in the outbox are delivered as soon as triggers are back.
    if (triggers.some((t) => t.mode === 'background')) this.#outbox().kick();
    return triggers.length;
  }

  /**
   * The tenant's triggers (settings `urlTriggers`, `target` for the mode: `new` is `window`),
   * checked here as the server checked them; named `tenant-<n>` when they have no name.
   */
  setTenantTriggers(value: unknown): void {
    const modes: Record<string, string> = { new: 'window', reuse: 'reuse', background: 'background' };
    const list = Array.isArray(value) ? value.map((item: unknown) => (item && typeof item === 'object' && 'target' in item ? (({ target, ...rest }) => ({ ...rest, mode: modes[String(target)] ?? target }))(item as Record<string, unknown>) : item)) : value;
    this.#tenantTriggers = this.#checkSource(list, 'tenant');
  }

  /** The agent's own triggers, from the phone's settings: checked here with the same checker; named `agent-<n>` when they have no name. */
  setAgentTriggers(value: unknown): void {
    this.#agentTriggers = this.#checkSource(value, 'agent');
  }

  #checkSource(list: unknown, source: 'tenant' | 'agent'): Trigger[] {
    const { triggers, problems } = checkTriggers(list);
    const kept = triggers.map((t) => (t.name ? t : { ...t, id: t.id.replace('trigger-', `${source}-`) }));
    for (const problem of problems) {
      this.#host.warn(`${source} trigger ${problem.index + 1} refused (${problem.code}${problem.field ? ` at ${problem.field}` : ''}): ${problem.message}`);
      dispatch(this.#host, new RingsideTriggerFailedEvent({ trigger: `${source}-${problem.index + 1}`, event: '', eventId: '' }, problem.code, problem.message, false, 0, problem.field));
    }
    if (kept.some((t) => t.mode === 'background')) this.#outbox().kick();
    return kept;
  }

  /** Reads one protocol event from the widget and fires what matches. */
  handle(name: string, data: unknown): void {
    const fields = (data && typeof data === 'object' ? data : {}) as { triggers?: unknown; agentTriggers?: unknown };
    if (name === 'OnLogin') {
      this.setTenantTriggers(fields.triggers);
      this.setAgentTriggers(fields.agentTriggers);
    }
    if (name === 'OnAgentTriggersChanged') this.setAgentTriggers(fields.triggers);
    const occurrence = this.#context.read(name, data, Date.now());
    const matching = [...this.#triggers, ...this.#tenantTriggers, ...this.#agentTriggers].filter((t) => occurrence.names.includes(t.event) && conditionsHold(t.when, occurrence));
    if (matching.length === 0) return;
    // Only a call reaches several tabs at once (the PBX forks it to each phone of the agent);
    // a login or a state change is each tab's own.
    if (!occurrence.call) {
      for (const trigger of matching) this.#fire(trigger, occurrence);
      return;
    }
    // Each trigger claims the call for itself: a tab whose page has triggers of its own fires
    // them even when another tab fired the triggers both have (the tenant's, the agent's).
    for (const trigger of matching) {
      void claimEvent(`${occurrence.fingerprint}|${trigger.id}|${trigger.config.url}`, occurrence.at, this.#tab, SAME_EVENT_MS).then((first) => {
        if (first) this.#fire(trigger, occurrence);
      });
    }
  }

  dispose(): void {
    this.#queue?.dispose();
    this.#queue = null;
    this.#prompts.dispose();
  }

  #outbox(): DeliveryQueue {
    this.#queue ??= new DeliveryQueue(
      {
        delivered: (item, delivery, status) => dispatch(this.#host, new RingsideTriggerDeliveredEvent(this.#detailOf(item), item.url, delivery, status, item.attempts)),
        failed: (item, code, message, willRetry) => dispatch(this.#host, new RingsideTriggerFailedEvent(this.#detailOf(item), code, message, willRetry, item.attempts)),
      },
      this.#retry,
    );
    return this.#queue;
  }

  #detailOf(item: Outgoing): TriggerEventDetail {
    return { trigger: item.trigger, event: item.event, eventId: item.eventId };
  }

  #fire(trigger: Trigger, occurrence: Occurrence): void {
    const eventId = newEventId();
    const event = trigger.event;
    const detail = { trigger: trigger.id, event, eventId };
    const values = valuesOf(occurrence, event, eventId);
    const url = renderUrl(trigger.url, values, location.href);
    if (!url.ok) {
      dispatch(this.#host, new RingsideTriggerFailedEvent(detail, url.error.code === 'not_a_url' ? 'value_not_allowed' : url.error.code, url.error.message, false));
      return;
    }
    switch (trigger.mode) {
      case 'window':
      case 'reuse': {
        const target = trigger.mode === 'reuse' ? `ringside-${trigger.id}` : '_blank';
        if (this.#open(url.value, target)) {
          dispatch(this.#host, new RingsideTriggerFiredEvent(detail, trigger.mode, url.value));
        } else {
          dispatch(this.#host, new RingsideTriggerBlockedEvent(detail, url.value));
          this.#prompts.show(trigger.id, trigger.name || new URL(url.value).host, () => {
            const opened = this.#open(url.value, target);
            if (opened) dispatch(this.#host, new RingsideTriggerFiredEvent(detail, trigger.mode, url.value));
            return opened;
          });
        }
        return;
      }
      case 'route':
        this.#route(url.value);
        dispatch(this.#host, new RingsideTriggerFiredEvent(detail, 'route', url.value));
        return;
      case 'background': {
        const body = this.#body(trigger, values);
        const item: Outgoing = { eventId, trigger: trigger.id, event, url: url.value, method: trigger.method, ...body, attempts: 0, nextAt: 0, createdAt: Date.now() };
        dispatch(this.#host, new RingsideTriggerFiredEvent(detail, 'background', url.value));
        void this.#outbox().enqueue(item);
        return;
      }
    }
  }

  /** Opens a window; false when the browser blocked it. The CRM window it opens gets no handle back to this page. */
  #open(url: string, target: string): boolean {
    const opened = window.open(url, target);
    if (!opened) return false;
    try {
      opened.opener = null;
    } catch {
      // A reused window already on another origin: its opener cannot be set from here.
    }
    return true;
  }

  #route(url: string): void {
    if (url.startsWith('#')) {
      location.hash = url;
      return;
    }
    history.pushState(history.state, '', url);
    dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
  }

  #body(trigger: Trigger, values: KeyValues): { body: string | null; contentType: string | null } {
    if (!trigger.body) return { body: null, contentType: null };
    if (trigger.body.type === 'json') return { body: JSON.stringify(renderJson(trigger.body.value, values)), contentType: 'application/json' };
    const form = new URLSearchParams(trigger.body.fields.map(([name, template]) => [name, renderText(template, values)]));
    return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
}

