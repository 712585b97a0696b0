/**
 * What the admin API sends, as the admin page reads it, and the guards that check a response
 * before the page uses it. The page is a client of a JSON API like any other: nothing from
 * the server's code is imported, so these shapes are the page's own reading of the wire (a
 * trigger's shape is the shared checker's, src/protocol/triggers/validate.ts).
 */
import type { TriggerConfig } from '../src/protocol/triggers/validate.js';

export interface Admin {
  id: string;
  username: string;
  /** The one tenant this admin may see; null for an admin of all tenants. */
  tenantId: string | null;
}

export const referPolicies = ['never', 'internal', 'ask'] as const;
export type ReferPolicy = (typeof referPolicies)[number];

export const dtmfModes = ['rfc4733', 'info'] as const;
export type DtmfMode = (typeof dtmfModes)[number];

/** Where a tenant URL trigger goes: a new window, one reused window, a background request, or the CRM page's own route. */
export const triggerTargets = ['new', 'reuse', 'background', 'route'] as const;
export type TriggerTarget = (typeof triggerTargets)[number];

export interface CodeLabel {
  code: string;
  label: string;
}

/** Conditions of a trigger (the checker's own type): all that are given must hold; a list means any of its values. */
export type { TriggerWhen } from '../src/protocol/triggers/validate.js';

/** A tenant URL trigger as the API stores it (README "URL triggers"): the checker's trigger, with `target` naming the mode. */
export type UrlTrigger = Omit<TriggerConfig, 'mode'> & { target: TriggerTarget };

export interface AfterCallWork {
  enabled: boolean;
  maxSeconds: number;
  requireDisposition: boolean;
}

export interface TenantSettings {
  referPolicy: ReferPolicy;
  internalExtensionPattern: string;
  notReadyReasons: CodeLabel[];
  dispositionCodes: CodeLabel[];
  afterCallWork: AfterCallWork;
  urlTriggers: UrlTrigger[];
  turnServers: string[];
  defaultLanguage: string;
  dtmfMode: DtmfMode;
  ringTimeoutSeconds: number;
  allowAutoAnswer: boolean;
  notReadyRejectStatus: 486 | 480;
  notReadyDirectCalls: boolean;
  jitAgents: boolean;
  trustedHeaders: string[];
  /** Days each agent's phone keeps its call history (1 to 365). */
  historyDays: number;
  /** The CCaaS wrapper library the SDK loads into the CRM page (`''` = none); absent from servers older than it. */
  wrapperUrl?: string;
  /** The wrapper's softphoneId for each agent state. */
  wrapperPresence?: Record<string, string>;
}

export interface Tenant {
  id: string;
  name: string;
  allowedOrigins: string[];
  sipDomain: string;
  sipWsUrl: string;
  settings: TenantSettings;
  createdAt: string;
}

export interface ApiKeyInfo {
  id: string;
  label: string;
  /** The first characters of the key, to tell keys apart; never the key. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface Agent {
  tenantId: string;
  userId: string;
  extension: string;
  displayName: string;
  enabled: boolean;
  permissions: { trunkCalls?: boolean };
  hasPassword: boolean;
}

/** A field the API refused, named as in the request (`settings.dispositionCodes[1].code`). */
export interface FieldError {
  field: string;
  message: string;
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';
const listOf =
  <T>(guard: (item: unknown) => item is T) =>
  (value: unknown): value is T[] =>
    Array.isArray(value) && value.every(guard);

export const isAdmin = (value: unknown): value is Admin => isRecord(value) && isString(value.id) && isString(value.username) && isStringOrNull(value.tenantId);

const isCodeLabel = (value: unknown): value is CodeLabel => isRecord(value) && isString(value.code) && isString(value.label);

const isTrigger = (value: unknown): value is UrlTrigger =>
  isRecord(value) && isString(value.event) && isString(value.url) && (triggerTargets as readonly unknown[]).includes(value.target);

const isAfterCallWork = (value: unknown): value is AfterCallWork =>
  isRecord(value) && typeof value.enabled === 'boolean' && typeof value.maxSeconds === 'number' && typeof value.requireDisposition === 'boolean';

export const isSettings = (value: unknown): value is TenantSettings =>
  isRecord(value) &&
  (referPolicies as readonly unknown[]).includes(value.referPolicy) &&
  isString(value.internalExtensionPattern) &&
  listOf(isCodeLabel)(value.notReadyReasons) &&
  listOf(isCodeLabel)(value.dispositionCodes) &&
  isAfterCallWork(value.afterCallWork) &&
  listOf(isTrigger)(value.urlTriggers) &&
  listOf(isString)(value.turnServers) &&
  isString(value.defaultLanguage) &&
  (dtmfModes as readonly unknown[]).includes(value.dtmfMode) &&
  typeof value.ringTimeoutSeconds === 'number' &&
  typeof value.allowAutoAnswer === 'boolean' &&
  (value.notReadyRejectStatus === 486 || value.notReadyRejectStatus === 480) &&
  typeof value.notReadyDirectCalls === 'boolean' &&
  typeof value.jitAgents === 'boolean' &&
  listOf(isString)(value.trustedHeaders) &&
  typeof value.historyDays === 'number';

export const isTenant = (value: unknown): value is Tenant =>
  isRecord(value) &&
  isString(value.id) &&
  isString(value.name) &&
  listOf(isString)(value.allowedOrigins) &&
  isString(value.sipDomain) &&
  isString(value.sipWsUrl) &&
  isSettings(value.settings) &&
  isString(value.createdAt);

export const isKeyInfo = (value: unknown): value is ApiKeyInfo =>
  isRecord(value) &&
  isString(value.id) &&
  isString(value.label) &&
  isString(value.prefix) &&
  isString(value.createdAt) &&
  isStringOrNull(value.lastUsedAt) &&
  isStringOrNull(value.revokedAt);

export const isAgent = (value: unknown): value is Agent =>
  isRecord(value) &&
  isString(value.tenantId) &&
  isString(value.userId) &&
  isString(value.extension) &&
  isString(value.displayName) &&
  typeof value.enabled === 'boolean' &&
  isRecord(value.permissions) &&
  typeof value.hasPassword === 'boolean';

export const isFieldError = (value: unknown): value is FieldError => isRecord(value) && isString(value.field) && isString(value.message);

/** Guards for the answers that wrap one thing (`{tenant}`) or a list (`{tenants}`). */
export const wrapped =
  <K extends string, T>(key: K, guard: (value: unknown) => value is T) =>
  (value: unknown): value is { [P in K]: T } =>
    isRecord(value) && guard(value[key]);

export const listIn =
  <K extends string, T>(key: K, guard: (value: unknown) => value is T) =>
  (value: unknown): value is { [P in K]: T[] } =>
    isRecord(value) && listOf(guard)(value[key]);
