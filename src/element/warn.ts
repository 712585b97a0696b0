const said = new Set<string>();

/**
 * Tells the integrator about a mistake in how the page uses Ringside (a duplicate script,
 * an option in the wrong shape), once per message. The SDK's only use of the console:
 * there is no logger on a CRM page to inject.
 */
export function warnOnce(message: string): void {
  if (said.has(message)) return;
  said.add(message);
  globalThis.console?.warn(`[ringside] ${message}`);
}
