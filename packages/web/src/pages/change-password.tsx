import { api } from '../data/api.ts';
import { t } from '../i18n/index.ts';
import { FormError } from '../ui/error-box.tsx';
import { NewPasswordFields, readNewPassword } from '../ui/password-fields.tsx';
import { SubmitOutcome, useSubmit } from '../ui/submission.tsx';

export default function ChangePassword() {
  const submission = useSubmit();
  const submit = submission.onSubmit(async (formElement) => {
    const form = new FormData(formElement);
    const next = readNewPassword(form);
    if (!next) throw new FormError(t('password.mismatch'));
    await api.changePassword(String(form.get('current')), next);
    formElement.reset();
    return t('password.changed');
  });
  return (
    <section class="narrow">
      <h1>{t('password.changeTitle')}</h1>
      <form class="stack" onSubmit={submit}>
        <label for="current">{t('password.current')}</label>
        <input id="current" name="current" type="password" autocomplete="current-password" required />
        <NewPasswordFields />
        <SubmitOutcome of={submission} />
        <button type="submit" disabled={submission.busy()}>
          {t('password.save')}
        </button>
      </form>
    </section>
  );
}
