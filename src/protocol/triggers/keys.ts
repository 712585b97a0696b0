/**
 * The keys a trigger template may name (`<%CALLERID%>`), and a sample value of each for previews
 * and for checking a template when it is saved. WorldSmart's nine keys keep their names
 * (`CALLERID`, `SYSTIME`, `USERID`, `USEREXT`, `DNDSTATUS`, `TRANSFERID`, `DID`, `QUEUENAME`,
 * `QUEUEWAIT`); the rest are Ringside's. `VAR:<name>` reads one CTI variable of the call.
 *
 * Pure data: imported by the host SDK's lazy trigger chunk and by the server's settings validator.
 */
export const TRIGGER_KEYS = [
  'CALLERID',
  'CALLERNAME',
  'SYSTIME',
  'USERID',
  'USEREXT',
  'DISPLAYNAME',
  'DNDSTATUS',
  'TRANSFERID',
  'DID',
  'QUEUENAME',
  'QUEUEWAIT',
  'CALLID',
  'DIRECTION',
  'DURATION',
  'DISPOSITION',
  'NOTES',
  'EVENT',
  'EVENTID',
  'AGENTSTATE',
] as const;

export type TriggerKey = (typeof TRIGGER_KEYS)[number];

/** The values of one firing: every key as a string (`''` when the event has none), and the call's CTI variables. */
export interface KeyValues {
  keys: Record<TriggerKey, string>;
  vars: Record<string, string>;
}

/** A CTI variable name as `VAR:` accepts it: what an `X-<name>` SIP header can carry. */
export const VAR_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export function isTriggerKey(name: string): name is TriggerKey {
  return (TRIGGER_KEYS as readonly string[]).includes(name);
}

/** A sample inbound queue call, for previews and for the save-time check of templates. */
export const SAMPLE_VALUES: KeyValues = {
  keys: {
    CALLERID: '+0702007722',
    CALLERNAME: 'Ada Lovelace',
    SYSTIME: '2026-11-29T18:25:03Z',
    USERID: 'agent-7',
    USEREXT: '1001',
    DISPLAYNAME: 'Grace Hopper',
    DNDSTATUS: 'off',
    TRANSFERID: '',
    DID: '+390212345678',
    QUEUENAME: 'support',
    QUEUEWAIT: '42',
    CALLID: 'c-5f0b6a2e',
    DIRECTION: 'inbound',
    DURATION: '0',
    DISPOSITION: '',
    NOTES: '',
    EVENT: 'inbound.received',
    EVENTID: '0b9d3c3e-8a51-4f5e-9d6c-2f1f4f3f0c11',
    AGENTSTATE: 'ready',
  },
  vars: { CONTID: 'C-1042' },
};

/** SYSTIME's format: ISO 8601 in UTC to the second (`2026-11-29T18:25:03Z`). */
export function systime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
