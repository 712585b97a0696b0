/**
 * The page's URL-trigger database (src/triggers/queue.ts: the outbox and the cross-tab notes),
 * opened from a test with the same schema, to empty it between tests or to put in a request as
 * an older version stored it.
 */
export function triggerDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('ringside-triggers', 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('outbox', { keyPath: 'eventId' });
      open.result.createObjectStore('seen', { keyPath: 'fingerprint' });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

/** Empties the outbox and the cross-tab notes, so no test gets another test's requests. */
export async function clearTriggerStorage(): Promise<void> {
  let db: IDBDatabase;
  try {
    db = await triggerDatabase();
  } catch {
    return;
  }
  await new Promise<void>((resolve) => {
    const tx = db.transaction(['outbox', 'seen'], 'readwrite');
    tx.objectStore('outbox').clear();
    tx.objectStore('seen').clear();
    tx.oncomplete = () => (db.close(), resolve());
  });
}
