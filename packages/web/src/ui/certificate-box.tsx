import { createResource, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { api } from '../data/api.ts';
import { t } from '../i18n/index.ts';

/** The certificate of a completed course: its code, the PDF and the public page that verifies it. */
export function CertificateBox(props: { slug: string }) {
  const [data] = createResource(
    () => props.slug,
    (slug) => api.certificate(slug),
  );
  return (
    <Show when={data()}>
      {(d) => (
        <section class="box ok certificate">
          <h2>{t('course.certificate')}</h2>
          <p>{t('course.certificateCode', { code: d().certificate.code })}</p>
          <p>
            <a class="button" href={`/api/courses/${encodeURIComponent(props.slug)}/certificate.pdf`} download="">
              {t('course.downloadCertificate')}
            </a>{' '}
            <A href={`/verify/${d().certificate.code}`}>{t('course.verifyLink')}</A>
          </p>
        </section>
      )}
    </Show>
  );
}
