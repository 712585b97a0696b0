export { RingsidePhone } from './element/ringside-phone.js';
export * from './element/events.js';
export { RingsideActionError, type ActionOptions, type Credentials } from './element/connection.js';
export type { RingsideOptions, RingsideLayoutOptions } from './element/options.js';
export type { View } from './element/layout.js';
// URL triggers: types only; the runner and these event classes load with the first triggers set.
export type * from './element/triggers/trigger-events.js';
export type { TriggerConfig, TriggerWhen, TriggerMode, TriggerErrorCode } from './protocol/triggers/validate.js';
// Every protocol type, but only the protocol values a host uses: the validators stay in the
// widget's bundle, not in the SDK a CRM page loads.
export type * from './protocol/index.js';
export { ErrorCode, NS, PROTOCOL_VERSION, actionNames, domEventType, eventNames, themeTokenNames } from './protocol/index.js';
