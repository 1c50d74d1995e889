import { createResource, createSignal, Show } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { api } from '../data/api.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';
import { TrustedHtml } from '../ui/html.tsx';

export default function LessonPage() {
  const params = useParams();
  const [course] = createResource(
    () => params.slug,
    (slug) => api.course(slug),
  );
  const [data, { mutate }] = createResource(
    () => [params.slug, params.lessonId] as const,
    ([slug, id]) => api.lesson(slug!, id!),
  );
  const [error, setError] = createSignal('');
  const markDone = async () => {
    setError('');
    try {
      const { progress } = await api.completeLesson(params.slug!, params.lessonId!);
      mutate((d) => d && { ...d, progress });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const neighbour = (step: number) => {
    const lessons = course()?.course.lessons ?? [];
    return lessons[lessons.findIndex((l) => l.id === params.lessonId) + step];
  };
  return (
    <Async of={data}>
      {({ lesson, progress }) => (
        <article>
          <p>
            <A href={`/khoa-hoc/${params.slug}`}>← {course()?.course.title ?? t('course.back')}</A>
          </p>
          <h1>{lesson.title}</h1>
          <TrustedHtml html={lesson.html} />
          <div class="actions">
            <Show
              when={!progress.lessonsDone.includes(lesson.id)}
              fallback={
                <p class="status ok" role="status">
                  ✓ {t('lesson.done')}
                </p>
              }
            >
              <button type="button" onClick={markDone}>
                {t('lesson.markDone')}
              </button>
            </Show>
            <Show when={error()}>
              <p role="alert" class="error">
                {error()}
              </p>
            </Show>
          </div>
          <nav class="pager" aria-label={t('course.lessons')}>
            <Show when={neighbour(-1)}>
              {(p) => (
                <A href={`/khoa-hoc/${params.slug}/bai/${p().id}`}>
                  ← {t('lesson.prev')}: {p().title}
                </A>
              )}
            </Show>
            <Show when={neighbour(1)}>
              {(n) => (
                <A href={`/khoa-hoc/${params.slug}/bai/${n().id}`}>
                  {t('lesson.next')}: {n().title} →
                </A>
              )}
            </Show>
          </nav>
        </article>
      )}
    </Async>
  );
}
