import { createSignal, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { api } from '../data/api.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { NewPasswordFields, readNewPassword } from '../ui/password-fields.tsx';

/** Opened from the one-time link an HR officer handed over: /dat-mat-khau#<token>. */
export default function SetPassword() {
  const token = location.hash.slice(1);
  const [error, setError] = createSignal('');
  const [done, setDone] = createSignal('');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const password = readNewPassword(new FormData(event.currentTarget as HTMLFormElement));
    if (!password) return setError(t('password.mismatch'));
    try {
      const { email } = await api.redeemPasswordLink(token, password);
      history.replaceState(null, '', location.pathname);
      setDone(t('password.setDone', { email }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <section class="narrow">
      <h1>{t('password.setTitle')}</h1>
      <Show
        when={!done()}
        fallback={
          <>
            <p role="status" class="status ok">
              {done()}
            </p>
            <A class="button" href="/dang-nhap">
              {t('login.submit')}
            </A>
          </>
        }
      >
        <p>{t('password.setIntro')}</p>
        <form class="stack" onSubmit={submit}>
          <NewPasswordFields />
          <Show when={error()}>
            <p role="alert" class="error">
              {error()}
            </p>
          </Show>
          <button type="submit">{t('password.save')}</button>
        </form>
      </Show>
    </section>
  );
}
