import { conditionsHold, newEventId, TriggerContext, valuesOf, type Occurrence } from './mapping.js';
import { claimEvent, DeliveryQueue, type Outgoing, type RetryOptions } from './queue.js';
import type { TriggerActivity } from '../protocol/triggers/activity.js';
import type { KeyValues } from '../protocol/triggers/keys.js';
import { renderText, renderUrl, type Template } from '../protocol/triggers/template.js';
import { checkTriggers, type JsonTemplate, type Trigger } from '../protocol/triggers/validate.js';

/**
 * The URL-trigger engine, the same wherever triggers run: in the CRM page (the element's
 * runner, src/element/triggers/runner.ts) or in the phone itself when it is embedded without
 * the element (widget/services/triggers/phone-triggers.ts). It keeps the triggers of each
 * source, reads every protocol event in order, fires what matches (one tab per call event),
 * renders URLs and bodies, and delivers background requests through the durable outbox. What
 * differs between the two places is the surface: how a window is opened or offered, how a
 * route changes, and where each step is reported.
 */

/** What identifies one firing in every step it reports. */
export type Firing = Pick<TriggerActivity, 'trigger' | 'event' | 'eventId'>;

export interface TriggerSurface {
  /** One step: a DOM event in the CRM page, a line in the phone's trigger log. */
  report(activity: TriggerActivity): void;
  /** A console warning (once per message). */
  warn(message: string): void;
  /**
   * A `window` or `reuse` trigger's URL, for `target` (`_blank`, or the trigger's own window
   * name). `key` names the trigger among every source's (a tenant's and an agent's trigger may
   * share a name). Reports what it did.
   */
  open(trigger: Trigger, url: string, target: string, firing: Firing, key: string): void;
  /** A `route` trigger's URL (a hash, or a path of the page's origin). Reports what it did. */
  route(url: string, firing: Firing): void;
  /**
   * Whether window triggers fire in every tab that gets the call: true where a window is only
   * offered (a button has no side effect, and the agent clicks in the tab they look at).
   */
  readonly offersWindows?: boolean;
}

export interface EngineOptions {
  retry?: RetryOptions;
  /** What qualifies an agent's user id as the owner of their background requests (the phone: the tenant). */
  scope?: () => string;
}

/** Two tabs that get the same call event within this long fire its triggers once (in the first). */
const SAME_EVENT_MS = 2000;

/** Where triggers come from: the page (`ringside_options.triggers`), the tenant, the agent's settings. */
type Source = 'trigger' | 'tenant' | 'agent';

function renderJson(value: JsonTemplate, values: KeyValues): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => renderJson(item, values));
  if ('parts' in value && 'kind' in value) return renderText(value as Template, values);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, renderJson(item, values)]));
}

/** A tenant trigger names its mode with `target` (`new` is `window`); the checker reads `mode`. */
const TENANT_MODES: Record<string, string> = { new: 'window', reuse: 'reuse', background: 'background', route: 'route' };

function tenantAsChecked(item: unknown): unknown {
  if (!item || typeof item !== 'object' || !('target' in item)) return item;
  const { target, ...rest } = item as Record<string, unknown>;
  return { ...rest, mode: TENANT_MODES[String(target)] ?? target };
}

export class TriggerEngine {
  readonly #surface: TriggerSurface;
  readonly #context = new TriggerContext();
  readonly #tab = newEventId();
  readonly #lists: Record<Source, Trigger[]> = { trigger: [], tenant: [], agent: [] };
  readonly #sourceOf = new WeakMap<Trigger, Source>();
  readonly #scope: () => string;
  #queue: DeliveryQueue | null = null;
  #retry: RetryOptions;
  /**
   * The agent whose requests' steps are reported (see `Outgoing.owner`): the last one to log in,
   * still after their logout (their logout triggers' requests are theirs), until another does.
   */
  #owner = '';
  #disposed = false;

  constructor(surface: TriggerSurface, options: EngineOptions = {}) {
    this.#surface = surface;
    this.#retry = options.retry ?? {};
    this.#scope = options.scope ?? (() => '');
  }

  /** The page's own triggers; each refused one is reported (`failed` with its code) and skipped. Returns how many were kept. */
  setTriggers(value: unknown, retry?: RetryOptions): number {
    if (retry) this.#retry = retry;
    return this.#set('trigger', value);
  }

  /**
   * Reads one protocol event and, when `fire`, fires what matches. With `fire` false the event
   * only teaches the context (the agent, their state, a call's notes) for the events after it.
   */
  handle(name: string, data: unknown, fire = true): void {
    if (this.#disposed) return;
    const fields = (data && typeof data === 'object' ? data : {}) as { triggers?: unknown; agentTriggers?: unknown };
    // Refusals are reported only where the triggers run.
    const quiet = !fire;
    if (name === 'OnLogin') {
      // The tenant's (setting `urlTriggers`), checked here as the server checked them, and the
      // agent's own (from the phone's settings); `tenant-<n>`, `agent-<n>` when nameless.
      this.#set('tenant', Array.isArray(fields.triggers) ? fields.triggers.map(tenantAsChecked) : fields.triggers, quiet);
      this.#set('agent', fields.agentTriggers, quiet);
    }
    if (name === 'OnAgentTriggersChanged') this.#set('agent', fields.triggers, quiet);
    const occurrence = this.#context.read(name, data, Date.now());
    // A runner started after the login learns the agent from the first event that names them.
    if ((name === 'OnLogin' || !this.#owner) && this.#context.userId) this.#setOwner(`${this.#scope()}${this.#context.userId}`);
    if (!fire || name === 'OnTriggerActivity') return;
    const matching = [...this.#lists.trigger, ...this.#lists.tenant, ...this.#lists.agent].filter((t) => occurrence.names.includes(t.event) && conditionsHold(t.when, occurrence));
    // Only a call reaches several tabs at once (the PBX forks it to each phone of the agent);
    // a login or a state change is each tab's own.
    if (!occurrence.call) {
      for (const trigger of matching) this.#fire(trigger, occurrence);
      return;
    }
    // Each trigger claims the call for itself: a tab whose page has triggers of its own fires
    // them even when another tab fired the triggers both have (the tenant's, the agent's).
    for (const trigger of matching) {
      if (this.#surface.offersWindows && (trigger.mode === 'window' || trigger.mode === 'reuse')) {
        this.#fire(trigger, occurrence);
        continue;
      }
      void claimEvent(`${occurrence.fingerprint}|${trigger.id}|${trigger.config.url}`, occurrence.at, this.#tab, SAME_EVENT_MS).then((first) => {
        if (first) this.#fire(trigger, occurrence);
      });
    }
  }

  dispose(): void {
    this.#disposed = true;
    this.#queue?.dispose();
    this.#queue = null;
  }

  #setOwner(owner: string): void {
    this.#owner = owner;
    if (this.#queue) this.#queue.owner = owner;
  }

  #set(source: Source, value: unknown, quiet = false): number {
    const { triggers, problems } = checkTriggers(value);
    const prefix = source === 'trigger' ? '' : `${source} `;
    this.#lists[source] = source === 'trigger' ? triggers : triggers.map((t) => (t.name ? t : { ...t, id: t.id.replace('trigger-', `${source}-`) }));
    for (const trigger of this.#lists[source]) this.#sourceOf.set(trigger, source);
    // Requests a previous page left in the outbox are delivered as soon as triggers are back,
    // whoever runs the triggers now: they were fired already.
    if (triggers.some((t) => t.mode === 'background')) this.#outbox().kick();
    if (quiet) return triggers.length;
    for (const problem of problems) {
      const trigger = problem.index >= 0 ? `${source}-${problem.index + 1}` : `${source}s`;
      this.#surface.warn(`${prefix}trigger ${problem.index + 1} refused (${problem.code}${problem.field ? ` at ${problem.field}` : ''}): ${problem.message}`);
      this.#surface.report({ kind: 'failed', trigger, event: '', eventId: '', code: problem.code, message: problem.message, willRetry: false, attempts: 0, field: problem.field ?? '' });
    }
    return triggers.length;
  }

  #outbox(): DeliveryQueue {
    if (this.#queue) return this.#queue;
    this.#queue = new DeliveryQueue(
      {
        delivered: (item, delivery, status) => this.#surface.report({ kind: 'delivered', ...this.#firingOf(item), url: item.url, delivery, status, attempts: item.attempts }),
        failed: (item, code, message, willRetry) => this.#surface.report({ kind: 'failed', ...this.#firingOf(item), code, message, willRetry, attempts: item.attempts }),
      },
      this.#retry,
    );
    this.#queue.owner = this.#owner;
    return this.#queue;
  }

  #firingOf(item: Outgoing): Firing {
    return { trigger: item.trigger, event: item.event, eventId: item.eventId };
  }

  #fire(trigger: Trigger, occurrence: Occurrence): void {
    // A claim that was still in flight when the runner went away.
    if (this.#disposed) return;
    const eventId = newEventId();
    const event = trigger.event;
    const firing: Firing = { trigger: trigger.id, event, eventId };
    const values = valuesOf(occurrence, event, eventId);
    const url = renderUrl(trigger.url, values, location.href);
    if (!url.ok) {
      this.#surface.report({ kind: 'failed', ...firing, code: url.error.code === 'not_a_url' ? 'value_not_allowed' : url.error.code, message: url.error.message, willRetry: false, attempts: 0 });
      return;
    }
    switch (trigger.mode) {
      case 'window':
      case 'reuse':
        this.#surface.open(trigger, url.value, trigger.mode === 'reuse' ? `ringside-${trigger.id}` : '_blank', firing, `${this.#sourceOf.get(trigger) ?? 'trigger'}:${trigger.id}`);
        return;
      case 'route':
        this.#surface.route(url.value, firing);
        return;
      case 'background': {
        const body = this.#body(trigger, values);
        const item: Outgoing = { eventId, owner: this.#owner, trigger: trigger.id, event, url: url.value, method: trigger.method, ...body, attempts: 0, nextAt: 0, createdAt: Date.now() };
        this.#surface.report({ kind: 'fired', ...firing, mode: 'background', url: url.value });
        void this.#outbox().enqueue(item);
        return;
      }
    }
  }

  #body(trigger: Trigger, values: KeyValues): { body: string | null; contentType: string | null } {
    if (!trigger.body) return { body: null, contentType: null };
    if (trigger.body.type === 'json') return { body: JSON.stringify(renderJson(trigger.body.value, values)), contentType: 'application/json' };
    const form = new URLSearchParams(trigger.body.fields.map(([name, template]) => [name, renderText(template, values)]));
    return { body: form.toString(), contentType: 'application/x-www-form-urlencoded' };
  }
}

/**
 * Opens a window; false when the browser blocked it. The window gets no handle back to the
 * page that opened it.
 */
export function openWindow(url: string, target: string): boolean {
  const opened = window.open(url, target);
  if (!opened) return false;
  try {
    opened.opener = null;
  } catch {
    // A reused window already on another origin: its opener cannot be set from here.
  }
  return true;
}
