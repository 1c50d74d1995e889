import { createResource, createSignal, Show } from 'solid-js';
import { api } from '../data/api.ts';
import { me } from '../data/session.ts';
import { categories, levels, targets as targetsApi, unitKinds, type Target } from '../data/org.ts';
import { formatDate, t, type Key } from '../i18n/index.ts';
import { Loaded } from '../ui/async.tsx';
import { DataTable, type Column } from '../ui/data-table.tsx';
import { Choices } from '../ui/choices.tsx';
import { SubmitOutcome, useSubmit } from '../ui/submission.tsx';

const blank = (): Target => ({ id: '', title: '', programme: [], categories: [...categories], percent: 100, deadline: '' });

function TargetForm(props: { initial: Target; courses: { slug: string; title: string }[]; onSaved: (target: Target) => void }) {
  const submission = useSubmit();
  const editing = () => props.initial.id !== '';
  const programme = () => {
    const known = new Set(props.courses.map((c) => c.slug));
    return [
      ...props.courses.map((c) => ({ value: c.slug, label: c.title })),
      ...props.initial.programme.filter((s) => !known.has(s)).map((s) => ({ value: s, label: s })),
    ];
  };
  const submit = submission.onSubmit(async (formElement) => {
    const form = new FormData(formElement);
    const list = (name: string) => form.getAll(name).map(String);
    const scope = (name: 'levels' | 'unitKinds') => (list(name).length > 0 ? { [name]: list(name) } : {});
    const target = {
      id: String(form.get('id') ?? '').trim(),
      title: String(form.get('title') ?? '').trim(),
      programme: list('programme'),
      categories: list('categories'),
      ...scope('levels'),
      ...scope('unitKinds'),
      percent: Number(form.get('percent')),
      deadline: String(form.get('deadline') ?? ''),
    } as Target;
    props.onSaved((await targetsApi.save(target)).target);
  });
  return (
    <form class="stack target-form" onSubmit={submit}>
      <label for="target-id">{t('targets.field.id')}</label>
      <input
        id="target-id"
        name="id"
        type="text"
        required
        pattern="[a-z0-9\-]+"
        maxlength="64"
        value={props.initial.id}
        readOnly={editing()}
        aria-describedby="target-id-hint"
      />
      <p id="target-id-hint" class="muted">
        {t('targets.field.idHint')}
      </p>
      <label for="target-title">{t('targets.field.title')}</label>
      <input id="target-title" name="title" type="text" required maxlength="300" value={props.initial.title} />
      <Choices name="programme" legend={t('targets.field.programme')} options={programme()} checked={props.initial.programme} />
      <Choices
        name="categories"
        legend={t('targets.field.categories')}
        checked={props.initial.categories}
        options={categories.map((c) => ({ value: c, label: t(`category.${c}` as Key) }))}
      />
      <Choices
        name="levels"
        legend={t('targets.field.levels')}
        checked={props.initial.levels ?? []}
        options={levels.map((l) => ({ value: l, label: t(`level.${l}` as Key) }))}
      />
      <Choices
        name="unitKinds"
        legend={t('targets.field.unitKinds')}
        checked={props.initial.unitKinds ?? []}
        options={unitKinds.map((k) => ({ value: k, label: t(`kind.${k}` as Key) }))}
      />
      <label for="target-percent">{t('targets.field.percent')}</label>
      <input id="target-percent" name="percent" type="number" required min="1" max="100" step="1" value={props.initial.percent} />
      <label for="target-deadline">{t('targets.field.deadline')}</label>
      <input id="target-deadline" name="deadline" type="date" required value={props.initial.deadline} />
      <button type="submit" disabled={submission.busy()}>
        {editing() ? t('targets.saveEdit') : t('targets.create')}
      </button>
      <SubmitOutcome of={submission} />
    </form>
  );
}

/** Targets are data: admins of the whole installation set them; HR officers read them. */
export default function TargetsPage() {
  const [list, { refetch }] = createResource(() => targetsApi.list());
  const [courses] = createResource(() => api.courses().then((r) => r.courses.map(({ slug, title }) => ({ slug, title }))));
  const [editing, setEditing] = createSignal<Target>(blank());
  const [saved, setSaved] = createSignal('');
  const canEdit = () => me()?.roles.some((r) => r.role === 'admin' && r.unitId === null) ?? false;
  const courseTitle = (slug: string) => courses.latest?.find((c) => c.slug === slug)?.title ?? slug;
  let formHeading!: HTMLHeadingElement;
  const scopeText = (x: Target) =>
    [
      x.categories.map((c) => t(`category.${c}` as Key)).join(', '),
      x.levels ? x.levels.map((l) => t(`level.${l}` as Key)).join(', ') : t('targets.allLevels'),
      x.unitKinds ? x.unitKinds.map((k) => t(`kind.${k}` as Key)).join(', ') : t('targets.allKinds'),
    ].join(' · ');
  const edit: Column<Target> = {
    title: () => <span class="sr-only">{t('targets.edit')}</span>,
    cell: (x) => (
      <button
        type="button"
        class="link"
        aria-label={t('targets.editLabel', { title: x.title })}
        onClick={() => {
          setSaved('');
          setEditing({ ...x });
          formHeading.focus();
        }}
      >
        {t('targets.edit')}
      </button>
    ),
  };
  const columns = (): Column<Target>[] => [
    {
      title: () => t('targets.field.title'),
      cell: (x) => (
        <>
          {x.title}
          <br />
          <code>{x.id}</code>
        </>
      ),
      rowHeader: true,
    },
    { title: () => t('targets.field.programme'), cell: (x) => x.programme.map(courseTitle).join(', ') },
    { title: () => t('targets.scope'), cell: scopeText },
    { title: () => t('targets.field.percent'), cell: (x) => `${x.percent}%`, num: true },
    { title: () => t('targets.field.deadline'), cell: (x) => formatDate(x.deadline) },
    ...(canEdit() ? [edit] : []),
  ];
  return (
    <section>
      <h1>{t('targets.title')}</h1>
      <p>{t('targets.intro')}</p>
      <Loaded of={list}>
        {(data) => (
          <Show when={data().targets.length > 0} fallback={<p>{t('targets.empty')}</p>}>
            <DataTable class="targets" rows={data().targets} columns={columns()} />
          </Show>
        )}
      </Loaded>
      <Show when={canEdit()} fallback={<p class="muted">{t('targets.readOnly')}</p>}>
        <h2 tabindex="-1" ref={formHeading}>
          {editing().id ? t('targets.editTitle', { title: editing().title }) : t('targets.newTitle')}
        </h2>
        <Show when={saved()}>
          <p role="status" class="box ok">
            {saved()}
          </p>
        </Show>
        <Show when={editing()} keyed>
          {(initial) => (
            <TargetForm
              initial={initial}
              courses={courses.latest ?? []}
              onSaved={(target) => {
                setSaved(t('targets.saved', { title: target.title }));
                setEditing(blank());
                void refetch();
              }}
            />
          )}
        </Show>
        <Show when={editing().id}>
          <p>
            <button type="button" class="link" onClick={() => setEditing(blank())}>
              {t('targets.new')}
            </button>
          </p>
        </Show>
      </Show>
    </section>
  );
}
