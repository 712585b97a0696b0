import type { DevSeed } from '../config.js';
import { secretHash } from './ids.js';
import type { Store } from './store.js';
import { defaultSettings, type TenantSettings } from './tenant-settings.js';

/**
 * Seeds the development tenant (`npm start`, tests): the tenant with a fixed id, its dev users
 * with their passwords, and its API key. Idempotent: a second start changes nothing that
 * exists, so what a developer edits in the admin page stays.
 */
export async function seedDevTenant(store: Store, seed: DevSeed, sip: { sipDomain: string; sipWsUrl: string }): Promise<void> {
  const settings: TenantSettings = { ...defaultSettings, ...seed.settings };
  const tenant =
    (await store.tenants.get(seed.tenantId)) ??
    (await store.tenants.create({ id: seed.tenantId, name: seed.name, allowedOrigins: seed.allowedOrigins, sipDomain: sip.sipDomain, sipWsUrl: sip.sipWsUrl, settings }));
  // Ports and origins follow the environment of this start.
  await store.tenants.update(tenant.id, { allowedOrigins: seed.allowedOrigins, sipDomain: sip.sipDomain, sipWsUrl: sip.sipWsUrl });
  for (const user of seed.users) {
    if (!(await store.agents.get(tenant.id, user.userId))) {
      await store.agents.upsert(tenant.id, { userId: user.userId, extension: user.extension, displayName: user.displayName, password: user.password, permissions: { trunkCalls: true } });
    }
  }
  if (!(await store.admins.byUsername(seed.admin.username))) await store.admins.create(seed.admin.username, seed.admin.password, null);
  const [known] = await store.db.query('select id from api_keys where key_hash = $1', [secretHash(seed.apiKey)]);
  if (!known) await store.tenants.createKey(tenant.id, 'development key', seed.apiKey);
}
