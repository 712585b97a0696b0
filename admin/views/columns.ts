import type { RowColumn } from '../components/rows/rows.js';

/** The columns of the page's list editors, and what each list is for. */

export const ORIGIN_COLUMNS: RowColumn[] = [{ key: 'origin', label: 'Origin', placeholder: 'https://crm.example.com' }];
export const ORIGINS_HINT = 'CRM pages that may embed this tenant’s phone: scheme, host and port only, like https://crm.example.com.';

export const CODE_COLUMNS: RowColumn[] = [
  { key: 'code', label: 'Code' },
  { key: 'label', label: 'Label' },
];

export const TEXT_COLUMN = (label: string, placeholder?: string): RowColumn[] => [{ key: 'value', label, ...(placeholder ? { placeholder } : {}) }];
