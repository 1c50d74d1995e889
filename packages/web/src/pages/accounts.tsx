import { createSignal, Show } from 'solid-js';
import { api, type PasswordLink } from '../data/api.ts';
import { errorMessage, formatDate, t } from '../i18n/index.ts';

/** HR and admins give accounts and hand over one-time set-password links (no e-mail server assumed). */
export default function Accounts() {
  const [link, setLink] = createSignal<PasswordLink | null>(null);
  const [error, setError] = createSignal('');
  const run = (action: (form: FormData) => Promise<PasswordLink>) => async (event: SubmitEvent) => {
    event.preventDefault();
    setError('');
    setLink(null);
    try {
      setLink(await action(new FormData(event.currentTarget as HTMLFormElement)));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section class="narrow">
      <h1>{t('accounts.title')}</h1>
      <p>{t('accounts.intro')}</p>
      <form class="stack" onSubmit={run((f) => api.createAccount(String(f.get('email')), String(f.get('employeeCode'))))}>
        <label for="acc-email">{t('accounts.email')}</label>
        <input id="acc-email" name="email" type="email" required />
        <label for="acc-code">{t('accounts.employeeCode')}</label>
        <input id="acc-code" name="employeeCode" type="text" required />
        <button type="submit">{t('accounts.create')}</button>
      </form>
      <h2>{t('accounts.reset')}</h2>
      <p>{t('accounts.resetIntro')}</p>
      <form class="stack" onSubmit={run((f) => api.reissueLink(String(f.get('email'))))}>
        <label for="reset-email">{t('accounts.email')}</label>
        <input id="reset-email" name="email" type="email" required />
        <button type="submit">{t('accounts.reset')}</button>
      </form>
      <Show when={error()}>
        <p role="alert" class="error">
          {error()}
        </p>
      </Show>
      <Show when={link()}>
        {(l) => (
          <div class="box ok" role="status">
            <p>{t('accounts.link', { email: l().email, date: formatDate(l().expiresAt) })}</p>
            <p>
              <code class="link-out">{`${location.origin}${l().link}`}</code>
            </p>
          </div>
        )}
      </Show>
    </section>
  );
}
