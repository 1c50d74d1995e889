import { createResource, Show } from 'solid-js';
import { useParams } from '@solidjs/router';
import { api } from '../data/api.ts';
import { formatDay, t } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';

/** Public: anyone holding a certificate's code can check it is genuine, without signing in. */
export default function VerifyPage() {
  const params = useParams();
  const [data] = createResource(
    () => params.code,
    (code) => api.verifyCertificate(code),
  );
  return (
    <section>
      <h1>{t('verify.title')}</h1>
      <Async of={data}>
        {(r) => (
          <Show
            when={r.valid ? r.certificate : null}
            fallback={
              <p class="box warn" role="status">
                {t('verify.invalid', { code: r.valid ? '' : r.code })}
              </p>
            }
          >
            {(c) => (
              <div class="box ok certificate" role="status">
                <p>
                  <strong>✓ {t('verify.valid')}</strong>
                </p>
                <dl>
                  <dt>{t('verify.name')}</dt>
                  <dd>{c().fullName}</dd>
                  <dt>{t('verify.unit')}</dt>
                  <dd>{c().unitName}</dd>
                  <dt>{t('verify.course')}</dt>
                  <dd>
                    {c().courseTitle} ({t('verify.version')} {c().version})
                  </dd>
                  <dt>{t('verify.date')}</dt>
                  <dd>{formatDay(c().completedAt)}</dd>
                  <dt>{t('verify.code')}</dt>
                  <dd>
                    <code>{c().code}</code>
                  </dd>
                </dl>
              </div>
            )}
          </Show>
        )}
      </Async>
    </section>
  );
}
