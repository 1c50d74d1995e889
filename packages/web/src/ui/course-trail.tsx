import { A } from '@solidjs/router';
import { t } from '../i18n/index.ts';

/**
 * Where a lesson or a quiz sits: the course list, its course, then the page itself. A learner
 * who came from a link in a reminder sees at once which course this belongs to and the way
 * back to it and to the other courses.
 */
export function CourseTrail(props: { slug: string; courseTitle: string; here: string }) {
  return (
    <nav aria-label={t('course.breadcrumb')} class="breadcrumb">
      <ol>
        <li>
          <A href="/khoa-hoc">{t('nav.courses')}</A>
        </li>
        <li>
          <A href={`/khoa-hoc/${props.slug}`}>{props.courseTitle}</A>
        </li>
        <li aria-current="page">{props.here}</li>
      </ol>
    </nav>
  );
}
