import { t } from '../i18n/index.ts';

/** New password typed twice; the form checks they match before sending. */
export function NewPasswordFields() {
  return (
    <>
      <label for="next">{t('password.new')}</label>
      <input id="next" name="next" type="password" autocomplete="new-password" minlength="10" required />
      <label for="repeat">{t('password.repeat')}</label>
      <input id="repeat" name="repeat" type="password" autocomplete="new-password" minlength="10" required />
    </>
  );
}

export function readNewPassword(form: FormData): string | null {
  const next = String(form.get('next'));
  return next === String(form.get('repeat')) ? next : null;
}
