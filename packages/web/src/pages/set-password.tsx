import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { api } from '../data/api.ts';
import { t } from '../i18n/index.ts';
import { FormError } from '../ui/error-box.tsx';
import { NewPasswordFields, readNewPassword } from '../ui/password-fields.tsx';
import { SubmitOutcome, useSubmit } from '../ui/submission.tsx';

/** Opened from the one-time link an HR officer handed over: /dat-mat-khau#<token>. */
export default function SetPassword() {
  const token = location.hash.slice(1);
  const submission = useSubmit();
  const submit = submission.onSubmit(async (form) => {
    const password = readNewPassword(new FormData(form));
    if (!password) throw new FormError(t('password.mismatch'));
    const { email } = await api.redeemPasswordLink(token, password);
    history.replaceState(null, '', location.pathname);
    return t('password.setDone', { email });
  });
  return (
    <section class="narrow">
      <h1>{t('password.setTitle')}</h1>
      <Show
        when={!submission.done()}
        fallback={
          <>
            <SubmitOutcome of={submission} />
            <A class="button" href="/dang-nhap">
              {t('login.submit')}
            </A>
          </>
        }
      >
        <p>{t('password.setIntro')}</p>
        <form class="stack" onSubmit={submit}>
          <NewPasswordFields />
          <SubmitOutcome of={submission} />
          <button type="submit" disabled={submission.busy()}>
            {t('password.save')}
          </button>
        </form>
      </Show>
    </section>
  );
}
