import { LitElement, html, type TemplateResult } from 'lit';
import { AdminApiError } from '../../admin-client.js';
import { consumeClient } from '../../context.js';
import { FormController } from '../../controllers/form-controller.js';
import { define } from '../../define.js';
import { AdminSignedInEvent } from '../../events.js';
import { formProblem, textField } from '../../views/fields.js';
import { shared } from '../shared.styles.js';

/**
 * @summary The admin login form: username and password; a refusal (wrong password, too many
 * attempts) is announced and the password field is cleared for the next try.
 *
 * @fires rs-admin-signed-in - The admin logged in; carries the admin.
 */
export class RsAdminLogin extends LitElement {
  static override styles = shared;
  static override properties = { username: { state: true }, password: { state: true } };
  declare username: string;
  declare password: string;
  readonly #client = consumeClient(this);
  readonly #form = new FormController(this, (field) => field === 'username' || field === 'password');

  constructor() {
    super();
    this.username = '';
    this.password = '';
  }

  override render(): TemplateResult {
    const { errors, problem } = this.#form;
    return html`
      <form @submit=${this.#submit} novalidate aria-labelledby="login-heading">
        <h2 id="login-heading">Log in</h2>
        ${textField({ name: 'username', label: 'Username', value: this.username, error: errors.at('username'), autocomplete: 'username', required: true, onInput: (v) => (this.username = v) })}
        ${textField({ name: 'password', label: 'Password', type: 'password', value: this.password, error: errors.at('password'), autocomplete: 'current-password', required: true, onInput: (v) => (this.password = v) })}
        ${formProblem(problem)}
        <div class="actions"><button class="primary" type="submit">Log in</button></div>
      </form>
    `;
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[name="username"]')?.focus();
  }

  async #submit(event: Event): Promise<void> {
    event.preventDefault();
    const username = this.username.trim();
    const admin = await this.#form.submit(async () => {
      const missing = [!username && { field: 'username', message: 'Enter your username.' }, !this.password && { field: 'password', message: 'Enter your password.' }].filter((f) => f !== false);
      if (missing.length) throw new AdminApiError(400, 'validation_failed', 'Enter username and password.', missing);
      return this.#client().login(username, this.password);
    });
    if (admin) {
      this.dispatchEvent(new AdminSignedInEvent(admin));
    } else if (this.#form.problem) {
      // Refused as a whole (wrong password, locked): clear the password for the next try.
      this.password = '';
      this.renderRoot.querySelector<HTMLInputElement>('input[name="password"]')?.focus();
    }
  }
}

define('rs-admin-login', RsAdminLogin);

declare global {
  interface HTMLElementTagNameMap {
    'rs-admin-login': RsAdminLogin;
  }
}
