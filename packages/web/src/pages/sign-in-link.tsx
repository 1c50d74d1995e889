import { createSignal, onCleanup, Show } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { api, ApiError } from '../data/api.ts';
import { setMe } from '../data/session.ts';
import { t } from '../i18n/index.ts';
import { FormError } from '../ui/error-box.tsx';
import { SubmitOutcome, useSubmit } from '../ui/submission.tsx';

/**
 * Where a reminder's one-time sign-in link leads (GET /api/auth/link sends it to
 * /dang-nhap/lien-ket#<token>): one button, and only its press uses the link up, so a mail
 * scanner that opens every link in a message leaves it for the person. The token travels in
 * the fragment, which no request carries, leaves the address bar as soon as it is read, and
 * the page sends no Referer at all.
 */
export default function SignInLink() {
  const navigate = useNavigate();
  const token = location.hash.slice(1);
  history.replaceState(history.state, '', location.pathname);
  const noReferrer = Object.assign(document.createElement('meta'), { name: 'referrer', content: 'no-referrer' });
  document.head.append(noReferrer);
  onCleanup(() => noReferrer.remove());

  const [spent, setSpent] = createSignal(false);
  const submission = useSubmit();
  const refuse = () => {
    setSpent(true);
    return new FormError(t('linkSignIn.invalid'));
  };
  if (!token) submission.fail(refuse());
  const submit = submission.onSubmit(async () => {
    try {
      const { user, next } = await api.redeemSignInLink(token);
      setMe(user);
      navigate(next, { replace: true });
    } catch (err) {
      throw err instanceof ApiError && err.code === 'auth.link_invalid' ? refuse() : err;
    }
  });
  return (
    <section class="narrow">
      <h1>{t('login.title')}</h1>
      <form onSubmit={submit} class="stack">
        <Show when={!spent()}>
          <p>{t('linkSignIn.intro')}</p>
        </Show>
        <SubmitOutcome of={submission} />
        <Show
          when={!spent()}
          fallback={
            <A class="button" href="/dang-nhap?tiep=%2Fviec-can-hoan-thanh">
              {t('linkSignIn.password')}
            </A>
          }
        >
          <button type="submit" disabled={submission.busy()}>
            {submission.busy() ? t('login.busy') : t('login.submit')}
          </button>
        </Show>
      </form>
    </section>
  );
}
