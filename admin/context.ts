import { ContextConsumer, createContext } from '@lit/context';
import type { ReactiveElement } from 'lit';
import type { AdminClient } from './admin-client.js';

/** The admin API client, provided once by `<rs-admin-app>` (tests may provide another). */
export const adminClientContext = createContext<AdminClient>(Symbol('rs-admin-client'));

/**
 * Asks the nearest provider for the admin client when `host` connects. The returned getter
 * throws only on a programming error: a component used outside any provider.
 */
export function consumeClient(host: ReactiveElement): () => AdminClient {
  const consumer = new ContextConsumer(host, { context: adminClientContext });
  return () => {
    if (!consumer.value) throw new Error('rs-admin components need <rs-admin-app> (or a provider of adminClientContext) around them');
    return consumer.value;
  };
}
