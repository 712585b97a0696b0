export { RingsidePhone } from './element/ringside-phone.js';
export * from './element/events.js';
export { RingsideActionError } from './element/connection.js';
export * from './protocol/index.js';
