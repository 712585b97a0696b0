import type { Admin, Agent, Tenant } from './admin-types.js';
import type { TriggerDraft } from './views/trigger-draft.js';

/**
 * The admin page's DOM events: classes, prefixed `rs-admin-`, bubbling and composed so they
 * cross the shadow roots up to `<rs-admin-app>`.
 */
const options = { bubbles: true, composed: true } as const;

/** A short message for the page's live region ("Tenant saved."). */
export class AdminStatusEvent extends Event {
  static readonly eventName = 'rs-admin-status';
  constructor(readonly message: string) {
    super(AdminStatusEvent.eventName, options);
  }
}

export class AdminSignedInEvent extends Event {
  static readonly eventName = 'rs-admin-signed-in';
  constructor(readonly admin: Admin) {
    super(AdminSignedInEvent.eventName, options);
  }
}

/** A tenant was created or changed: lists and headings showing it re-read it. */
export class AdminTenantChangedEvent extends Event {
  static readonly eventName = 'rs-admin-tenant-changed';
  constructor(readonly tenant: Tenant) {
    super(AdminTenantChangedEvent.eventName, options);
  }
}

/** A tenant was deleted. */
export class AdminTenantDeletedEvent extends Event {
  static readonly eventName = 'rs-admin-tenant-deleted';
  constructor(readonly tenantId: string) {
    super(AdminTenantDeletedEvent.eventName, options);
  }
}

/** Where the page should show next. */
export type AdminView = { page: 'tenants' } | { page: 'new-tenant' } | { page: 'tenant'; tenantId: string };

export class AdminNavigateEvent extends Event {
  static readonly eventName = 'rs-admin-navigate';
  constructor(readonly view: AdminView) {
    super(AdminNavigateEvent.eventName, options);
  }
}

/** The admin is done with a newly shown API key; the page forgets it. */
export class AdminKeyDismissedEvent extends Event {
  static readonly eventName = 'rs-admin-key-dismissed';
  constructor() {
    super(AdminKeyDismissedEvent.eventName, options);
  }
}

/** An agent was created or changed. */
export class AdminAgentSavedEvent extends Event {
  static readonly eventName = 'rs-admin-agent-saved';
  constructor(readonly agent: Agent) {
    super(AdminAgentSavedEvent.eventName, options);
  }
}

/** The admin left a form without saving (Cancel or Escape). */
export class AdminFormCancelledEvent extends Event {
  static readonly eventName = 'rs-admin-form-cancelled';
  constructor() {
    super(AdminFormCancelledEvent.eventName, options);
  }
}

/** Rows of a list editor changed (typed into, added or removed). */
export class AdminRowsChangedEvent extends Event {
  static readonly eventName = 'rs-admin-rows-changed';
  constructor(readonly rows: Record<string, string>[]) {
    super(AdminRowsChangedEvent.eventName, { bubbles: false, composed: false });
  }
}

/** The URL triggers being edited changed (a field typed into, a trigger added or removed). */
export class AdminTriggersChangedEvent extends Event {
  static readonly eventName = 'rs-admin-triggers-changed';
  constructor(readonly drafts: TriggerDraft[]) {
    super(AdminTriggersChangedEvent.eventName, { bubbles: false, composed: false });
  }
}

declare global {
  interface HTMLElementEventMap {
    'rs-admin-status': AdminStatusEvent;
    'rs-admin-signed-in': AdminSignedInEvent;
    'rs-admin-tenant-changed': AdminTenantChangedEvent;
    'rs-admin-tenant-deleted': AdminTenantDeletedEvent;
    'rs-admin-navigate': AdminNavigateEvent;
    'rs-admin-rows-changed': AdminRowsChangedEvent;
    'rs-admin-triggers-changed': AdminTriggersChangedEvent;
    'rs-admin-key-dismissed': AdminKeyDismissedEvent;
    'rs-admin-agent-saved': AdminAgentSavedEvent;
    'rs-admin-form-cancelled': AdminFormCancelledEvent;
  }
}
