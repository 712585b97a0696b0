export * from './actions.js';
export * from './calls.js';
export * from './errors.js';
export * from './events.js';
export * from './messages.js';
export * from './status.js';
export * from './guards.js';
export * from './origins.js';
