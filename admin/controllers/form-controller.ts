import type { ReactiveController, ReactiveElement } from 'lit';
import { AdminApiError } from '../admin-client.js';
import { AdminStatusEvent } from '../events.js';
import { explain } from '../explain.js';
import { FieldErrors } from '../field-errors.js';
import { focusFirstInvalid } from '../focus.js';

export interface SubmitOptions {
  /** Turns the API's field names into the form's (for list rows left out of the request). */
  remap?: (errors: FieldErrors) => FieldErrors;
  /** The field a refusal without field errors belongs to (a 409 on a taken extension), if any. */
  fieldOf?: (error: AdminApiError) => string | undefined;
}

/**
 * One form's submit cycle: runs the request once at a time; on a refusal puts each field
 * error at its field, moves focus to the first one and says so in the live region; whatever
 * no field shows becomes the form's `problem` (rendered with role="alert").
 */
export class FormController implements ReactiveController {
  busy = false;
  errors = FieldErrors.none;
  problem = '';

  constructor(
    private readonly host: ReactiveElement,
    /** Which API fields this form shows at a field of its own. */
    private readonly placed: (field: string) => boolean,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  clear(): void {
    this.errors = FieldErrors.none;
    this.problem = '';
    this.host.requestUpdate();
  }

  /** Runs `action`; its result, or undefined when it was refused (or another submit is running). */
  async submit<T>(action: () => Promise<T>, options: SubmitOptions = {}): Promise<T | undefined> {
    if (this.busy) return undefined;
    this.busy = true;
    this.clear();
    try {
      return await action();
    } catch (error) {
      await this.#refused(error, options);
      return undefined;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  async #refused(error: unknown, options: SubmitOptions): Promise<void> {
    let errors = FieldErrors.of(error);
    const field = error instanceof AdminApiError && !errors.size ? options.fieldOf?.(error) : undefined;
    if (field) errors = new FieldErrors([{ field, message: explain(error) }]);
    if (options.remap) errors = options.remap(errors);
    const elsewhere = errors.outside(this.placed);
    this.errors = errors;
    this.problem = errors.size ? elsewhere.map((e) => `${e.field || 'request'}: ${e.message}`).join(' ') : explain(error);
    this.host.requestUpdate();
    const atField = errors.size - elsewhere.length;
    if (await focusFirstInvalid(this.host)) {
      this.host.dispatchEvent(new AdminStatusEvent(`Not saved: ${atField === 1 ? '1 field needs' : `${atField} fields need`} a change.`));
    }
  }
}
