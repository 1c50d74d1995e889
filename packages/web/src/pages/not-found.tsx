import { A, useLocation } from '@solidjs/router';
import { t } from '../i18n/index.ts';

/** Any address the app does not know: say so, and offer the way home instead of a blank page. */
export default function NotFound() {
  const location = useLocation();
  return (
    <section class="narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body', { path: location.pathname })}</p>
      <p>
        <A class="button" href="/">
          {t('notFound.home')}
        </A>
      </p>
      <p>
        <A href="/verify">{t('notFound.verify')}</A>
      </p>
    </section>
  );
}
