import { eventNames } from '../../src/protocol/events.js';
import { TRIGGER_EVENTS } from '../../src/protocol/triggers/validate.js';
import { triggerTargets } from '../admin-types.js';
import type { RowColumn } from '../components/rows/rows.js';

/** The columns of the page's list editors, and what each list is for. */

export const ORIGIN_COLUMNS: RowColumn[] = [{ key: 'origin', label: 'Origin', placeholder: 'https://crm.example.com' }];
export const ORIGINS_HINT = 'CRM pages that may embed this tenant’s phone: scheme, host and port only, like https://crm.example.com.';

export const CODE_COLUMNS: RowColumn[] = [
  { key: 'code', label: 'Code' },
  { key: 'label', label: 'Label' },
];

const targetLabels: Record<(typeof triggerTargets)[number], string> = { new: 'New window each time', reuse: 'One reused window', background: 'In the background' };

export const TRIGGER_COLUMNS: RowColumn[] = [
  { key: 'event', label: 'Event', suggestions: [...TRIGGER_EVENTS, ...eventNames.filter((name) => name.startsWith('On'))] },
  { key: 'url', label: 'URL', placeholder: 'https://crm.example.com/search?phone=<%CALLERID%>' },
  { key: 'target', label: 'Open in', options: triggerTargets.map((value) => ({ value, label: targetLabels[value] })) },
];

export const TEXT_COLUMN = (label: string, placeholder?: string): RowColumn[] => [{ key: 'value', label, ...(placeholder ? { placeholder } : {}) }];
