import { createResource, Show } from 'solid-js';
import { useNavigate, useParams } from '@solidjs/router';
import { api } from '../data/api.ts';
import { formatDay, t } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';

/**
 * Public: anyone holding a certificate's code can check it is genuine, without signing in,
 * by scanning its QR code (which opens `/verify/<code>`) or typing the code here.
 */
export default function VerifyPage() {
  const params = useParams();
  const [data] = createResource(
    () => params.code,
    (code) => api.verifyCertificate(code),
  );
  return (
    <section class="narrow">
      <h1>{t('verify.title')}</h1>
      <Show when={params.code} fallback={<p>{t('verify.intro')}</p>}>
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
                    <Show when={c().validUntil}>
                      {(until) => (
                        <>
                          <dt>{t('verify.validUntil')}</dt>
                          <dd>
                            {formatDay(until())}
                            <Show when={c().lapsed}> — {t('verify.lapsed')}</Show>
                          </dd>
                        </>
                      )}
                    </Show>
                    <dt>{t('verify.issuer')}</dt>
                    <dd>{c().issuer}</dd>
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
      </Show>
      <CodeForm code={params.code} />
    </section>
  );
}

/** The box to type a code into, under a result too, to check the next certificate on the desk. */
function CodeForm(props: { code: string | undefined }) {
  const navigate = useNavigate();
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const typed = String(new FormData(form).get('code') ?? '');
    // Only letters and digits matter (the server reads the code as a person types it); a
    // space or slash would make an address that reads badly or leads elsewhere.
    const code = typed.replace(/[^0-9a-z]+/gi, '-').replace(/^-|-$/g, '');
    if (!code) return;
    form.reset();
    navigate(`/verify/${code}`);
  };
  return (
    <form class="stack" onSubmit={submit}>
      <label for="certificate-code">{props.code ? t('verify.another') : t('verify.code')}</label>
      <input id="certificate-code" name="code" required maxlength={40} autocomplete="off" spellcheck={false} placeholder="ABCDE-12345" />
      <button type="submit">{t('verify.submit')}</button>
    </form>
  );
}
