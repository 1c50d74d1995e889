import { createSignal, Show } from 'solid-js';
import { api } from '../data/api.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { NewPasswordFields, readNewPassword } from '../ui/password-fields.tsx';

export default function ChangePassword() {
  const [error, setError] = createSignal('');
  const [done, setDone] = createSignal(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const next = readNewPassword(form);
    if (!next) return setError(t('password.mismatch'));
    setError('');
    try {
      await api.changePassword(String(form.get('current')), next);
      setDone(true);
      (event.target as HTMLFormElement).reset();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section class="narrow">
      <h1>{t('password.changeTitle')}</h1>
      <form class="stack" onSubmit={submit}>
        <label for="current">{t('password.current')}</label>
        <input id="current" name="current" type="password" autocomplete="current-password" required />
        <NewPasswordFields />
        <Show when={error()}>
          <p role="alert" class="error">
            {error()}
          </p>
        </Show>
        <Show when={done()}>
          <p role="status" class="status ok">
            {t('password.changed')}
          </p>
        </Show>
        <button type="submit">{t('password.save')}</button>
      </form>
    </section>
  );
}
