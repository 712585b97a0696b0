import { AdminApiError } from './admin-client.js';
import type { FieldError } from './admin-types.js';

/**
 * The API's field errors for one form, looked up by the field names the API uses
 * (`name`, `allowedOrigins[0]`, `settings.urlTriggers[1].url`). Immutable: a new value per
 * submit, so components that receive it re-render.
 */
export class FieldErrors {
  static readonly none = new FieldErrors([]);

  constructor(readonly list: readonly FieldError[]) {}

  /** The field errors a failed request carried; none for any other failure. */
  static of(error: unknown): FieldErrors {
    return error instanceof AdminApiError && error.fields.length ? new FieldErrors(error.fields) : FieldErrors.none;
  }

  get size(): number {
    return this.list.length;
  }

  /** The message(s) for exactly this field. */
  at(field: string): string | undefined {
    const messages = this.list.filter((e) => e.field === field).map((e) => e.message);
    return messages.length ? messages.join('; ') : undefined;
  }

  /**
   * Renames list indexes under `prefix`: blank rows are not sent, so the API's item `k` is
   * the form's row `rowOf[k]`.
   */
  remap(prefix: string, rowOf: readonly number[]): FieldErrors {
    const index = new RegExp(`^${prefix.replace(/[.[\]]/g, '\\$&')}\\[(\\d+)\\]`);
    return new FieldErrors(
      this.list.map((error) => {
        const match = index.exec(error.field);
        const row = match ? rowOf[Number(match[1])] : undefined;
        return row === undefined ? error : { ...error, field: `${prefix}[${row}]${error.field.slice(match![0].length)}` };
      }),
    );
  }

  /** The errors that no field of the form shows (so the form shows them as a whole). */
  outside(placed: (field: string) => boolean): FieldError[] {
    return this.list.filter((error) => !placed(error.field));
  }
}

/** Whether `field` is `name` itself or something inside it (`name[2].code`, `name.enabled`). */
export const under = (name: string) => (field: string) => field === name || field.startsWith(`${name}[`) || field.startsWith(`${name}.`);

/**
 * The non-blank rows of a list editor, and for each the row it came from, so that errors on
 * what was sent can be shown at the right row.
 */
export function compact<T>(rows: readonly T[], blank: (row: T) => boolean): { values: T[]; rowOf: number[] } {
  const values: T[] = [];
  const rowOf: number[] = [];
  rows.forEach((row, i) => {
    if (blank(row)) return;
    values.push(row);
    rowOf.push(i);
  });
  return { values, rowOf };
}
