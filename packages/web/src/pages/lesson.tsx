import { createResource, createSignal, Show } from 'solid-js';
import { A, useNavigate, useParams } from '@solidjs/router';
import { api } from '../data/api.ts';
import { errorMessage, t } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';
import { TrustedHtml } from '../ui/html.tsx';
import { CourseTrail } from '../ui/course-trail.tsx';

export default function LessonPage() {
  const params = useParams();
  const navigate = useNavigate();
  const [course] = createResource(
    () => params.slug,
    (slug) => api.course(slug),
  );
  const [data, { mutate }] = createResource(
    () => [params.slug, params.lessonId] as const,
    ([slug, id]) => api.lesson(slug!, id!),
  );
  const [error, setError] = createSignal('');
  const markDone = async (): Promise<boolean> => {
    setError('');
    try {
      const { progress } = await api.completeLesson(params.slug!, params.lessonId!);
      mutate((d) => d && { ...d, progress });
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  };
  const neighbour = (step: number) => {
    const lessons = course()?.course.lessons ?? [];
    return lessons[lessons.findIndex((l) => l.id === params.lessonId) + step];
  };
  /**
   * Where "onward" leads: the next lesson, or after the last one the quiz (else the course
   * page). Moving on from a lesson not yet marked marks it first, and says so on the link, so
   * no lesson read through is left silently unmarked; if marking fails the learner stays and
   * sees why.
   */
  const onward = () => {
    const c = course()?.course;
    if (!c) return null;
    const next = neighbour(1);
    if (next) return { href: `/khoa-hoc/${params.slug}/bai/${next.id}`, title: next.title, plain: 'lesson.next', marking: 'lesson.markAndNext' } as const;
    if (c.quiz) return { href: `/khoa-hoc/${params.slug}/kiem-tra`, title: c.quiz.title, plain: 'lesson.toQuiz', marking: 'lesson.markAndQuiz' } as const;
    return { href: `/khoa-hoc/${params.slug}`, title: null, plain: 'lesson.toCourse', marking: 'lesson.markAndCourse' } as const;
  };
  const markThenGo = async (event: MouseEvent, href: string) => {
    event.preventDefault();
    if (await markDone()) navigate(href);
  };
  return (
    <Async of={data}>
      {({ lesson, progress }) => (
        <article>
          <CourseTrail slug={params.slug!} courseTitle={course()?.course.title ?? t('course.back')} here={lesson.title} />
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
            <Show when={onward()}>
              {(o) => {
                const marks = () => !progress.lessonsDone.includes(lesson.id);
                const label = () => `${t(marks() ? o().marking : o().plain)}${o().title ? `: ${o().title}` : ''} →`;
                return (
                  <A href={o().href} class="onward" on:click={(event: MouseEvent) => marks() && void markThenGo(event, o().href)}>
                    {label()}
                  </A>
                );
              }}
            </Show>
          </nav>
        </article>
      )}
    </Async>
  );
}
