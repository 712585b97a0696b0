/**
 * What the session API must remember to make tokens single-use and sessions revocable:
 * the ids of login tokens already exchanged (until they expire) and the live sessions with
 * the one renew token each may present next. The store keeps it (server/store/sessions.ts),
 * in PGlite or in PostgreSQL shared by several API nodes.
 */

export interface SessionRecord {
  id: string;
  /** The tenant the agent belongs to (absent for the development directory). */
  tenantId?: string;
  userId: string;
  extension: string;
  displayName: string;
  /** When the agent logged in (seconds); renewals never extend past `authTime + maxSession`. */
  authTime: number;
  /** The `jti` of the only renew token that may be presented next. */
  renewJti: string;
  /** Seconds since epoch after which the record may be forgotten. */
  expiresAt: number;
  revoked: boolean;
}

export interface SessionStore {
  /** Records a login token as used; false when it had been used before. */
  useToken(jti: string, expiresAt: number): Promise<boolean>;
  createSession(record: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /** Moves a session to its next renew token if `expectedJti` is still its current one. */
  rotateRenewToken(id: string, expectedJti: string, nextJti: string): Promise<boolean>;
  revokeSession(id: string): Promise<void>;
}
