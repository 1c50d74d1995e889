import { createResource, Show } from 'solid-js';
import { useNavigate, useSearchParams } from '@solidjs/router';
import { api, ApiError } from '../data/api.ts';
import { setMe } from '../data/session.ts';
import { t } from '../i18n/index.ts';
import { SubmitOutcome, useSubmit } from '../ui/submission.tsx';

export default function Login() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [providers] = createResource(() => api.providers().catch(() => null));
  // The identity provider's callback lands here with ?loi=<code> when sign-in failed.
  const submission = useSubmit();
  if (search.loi) submission.fail(new ApiError(400, String(search.loi), ''));
  /** The page opened while signed out (see ui/guard.tsx); the server decides whether to go back to it. */
  const asked = () => (typeof search.tiep === 'string' ? search.tiep : undefined);
  const submit = submission.onSubmit(async (formElement) => {
    const form = new FormData(formElement);
    const { user, next } = await api.login(String(form.get('email')), String(form.get('password')), asked());
    setMe(user);
    // Back to the page they opened; else the start page sends them on (what they owe, or their courses).
    navigate(next, { replace: true });
  });
  return (
    <section class="narrow">
      <h1>{t('login.title')}</h1>
      <p class="muted">{asked() ? t('login.continue') : t('app.tagline')}</p>
      <form onSubmit={submit} class="stack">
        <label for="email">{t('login.email')}</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">{t('login.password')}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <SubmitOutcome of={submission} />
        <button type="submit" disabled={submission.busy()}>
          {submission.busy() ? t('login.busy') : t('login.submit')}
        </button>
      </form>
      <Show when={providers()?.oidc}>
        {(oidc) => (
          <>
            <p class="muted">{t('login.or')}</p>
            <a class="button" href={asked() ? `${oidc().start}?tiep=${encodeURIComponent(asked()!)}` : oidc().start} rel="external">
              {oidc().label}
            </a>
          </>
        )}
      </Show>
    </section>
  );
}
