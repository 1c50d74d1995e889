import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../data/api.ts';
import { me } from '../data/session.ts';
import { useNavigate, useSearchParams } from '@solidjs/router';
import { categories, levels, org, targets as targetsApi, unitKinds, type OrgView, type Target, type TargetInput } from '../data/org.ts';
import { query } from '../data/readiness.ts';
import { UnitTrail } from '../ui/unit-trail.tsx';
import { originOf, tg } from '../i18n/targets.ts';
import { formatDay, t, type Key } from '../i18n/index.ts';
import { Loaded } from '../ui/async.tsx';
import { DataTable, type Column } from '../ui/data-table.tsx';
import { Choices } from '../ui/choices.tsx';
import { SubmitOutcome, useSubmit } from '../ui/submission.tsx';
import { DateInput } from '../ui/date-input.tsx';

const blank = (): TargetInput => ({ id: '', title: '', programme: [], categories: [...categories], percent: 100, deadline: '' });

/** How long a completion counts, from the form: for good, some months, or to the end of the year (with its renewal window). */
function validityOf(form: FormData): Partial<TargetInput> {
  const kind = String(form.get('validity') ?? '');
  if (kind === '') return {};
  const renewal = String(form.get('renewalDays') ?? '').trim();
  return {
    validity: kind === 'year-end' ? { until: 'year-end' } : { months: Number(form.get('validityMonths')) },
    ...(renewal === '' ? {} : { renewalDays: Number(renewal) }),
  };
}

/** "12 tháng" / "đến hết năm" / "không hết hạn": how long a target's completions count. */
export const validityText = (x: Pick<Target, 'validity'>) =>
  !x.validity
    ? t('targets.validity.none')
    : 'months' in x.validity
      ? t('targets.validity.monthsText', { n: x.validity.months })
      : t('targets.validity.yearEnd');

/** `unit`: the unit a new target is set for (null: the whole installation); a target being changed keeps its own. */
function TargetForm(props: {
  initial: TargetInput;
  unit: { id: string; name: string } | null;
  ownerName: string | null;
  courses: { slug: string; title: string }[];
  onSaved: (target: TargetInput) => void;
}) {
  const submission = useSubmit();
  const editing = () => props.initial.id !== '';
  const initialKind = () => (!props.initial.validity ? '' : 'months' in props.initial.validity ? 'months' : 'year-end');
  const [kind, setKind] = createSignal(initialKind());
  const months = () => (props.initial.validity && 'months' in props.initial.validity ? props.initial.validity.months : 12);
  const programme = () => {
    const known = new Set(props.courses.map((c) => c.slug));
    return [
      ...props.courses.map((c) => ({ value: c.slug, label: c.title })),
      ...props.initial.programme.filter((s) => !known.has(s)).map((s) => ({ value: s, label: s })),
    ];
  };
  const owner = () => (editing() ? (props.initial.unitId ? { id: props.initial.unitId, name: props.ownerName ?? props.initial.unitId } : null) : props.unit);
  const submit = submission.onSubmit(async (formElement) => {
    const form = new FormData(formElement);
    const list = (name: string) => form.getAll(name).map(String);
    const scope = (name: 'levels' | 'unitKinds') => (list(name).length > 0 ? { [name]: list(name) } : {});
    // An empty number field leaves the target's default (60 days' grace, 30 days' renewal window).
    const number = (name: string) => (String(form.get(name) ?? '').trim() === '' ? {} : { [name]: Number(form.get(name)) });
    const target = {
      id: String(form.get('id') ?? '').trim(),
      ...(owner() ? { unitId: owner()!.id } : {}),
      title: String(form.get('title') ?? '').trim(),
      programme: list('programme'),
      categories: list('categories'),
      ...scope('levels'),
      ...scope('unitKinds'),
      percent: Number(form.get('percent')),
      deadline: String(form.get('deadline') ?? ''),
      ...number('graceDays'),
      ...validityOf(form),
    } as TargetInput;
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
      <p>
        <strong>{tg('setFor')}:</strong> {originOf({ owner: owner() })}
        <br />
        <span class="muted">{tg('setForHint')}</span>
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
      <DateInput id="target-deadline" name="deadline" required value={props.initial.deadline} />
      <label for="target-grace">{t('targets.field.graceDays')}</label>
      <input id="target-grace" name="graceDays" type="number" min="0" max="3650" step="1" placeholder="60" value={props.initial.graceDays ?? ''} />
      <fieldset>
        <legend>{t('targets.field.validity')}</legend>
        <label for="target-validity">{t('targets.validity.kind')}</label>
        <select id="target-validity" name="validity" value={kind()} onChange={(e) => setKind(e.currentTarget.value)}>
          <option value="">{t('targets.validity.none')}</option>
          <option value="months">{t('targets.validity.months')}</option>
          <option value="year-end">{t('targets.validity.yearEnd')}</option>
        </select>
        <Show when={kind() === 'months'}>
          <label for="target-validity-months">{t('targets.validity.monthCount')}</label>
          <input id="target-validity-months" name="validityMonths" type="number" required min="1" max="120" step="1" value={months()} />
        </Show>
        <Show when={kind() !== ''}>
          <label for="target-renewal">{t('targets.field.renewalDays')}</label>
          <input id="target-renewal" name="renewalDays" type="number" min="0" max="365" step="1" placeholder="30" value={props.initial.renewalDays ?? ''} />
        </Show>
      </fieldset>
      <button type="submit" disabled={submission.busy()}>
        {editing() ? t('targets.saveEdit') : t('targets.create')}
      </button>
      <SubmitOutcome of={submission} />
    </form>
  );
}

/**
 * The targets that apply at the caller's unit (or the one asked for), with where each comes
 * from, and those set below it; an admin or HR officer sets and changes those of the units
 * their grant covers.
 */
/**
 * Where the page stands in the tree, and a way down it: the units above (those in scope are
 * links) and a choice among the units below, so an officer sets a sở's or a commune's own
 * target without typing its address.
 */
function UnitPicker(props: { view: OrgView }) {
  const navigate = useNavigate();
  const here = (unit: string) => `/chi-tieu${query({ unit })}`;
  return (
    <>
      <UnitTrail view={props.view} href={here} />
      <Show when={props.view.children.length > 0}>
        <form
          class="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            const unit = String(new FormData(event.currentTarget).get('unit') ?? '');
            if (unit) navigate(here(unit));
          }}
        >
          <label>
            {tg('pickUnit')}{' '}
            <select name="unit">
              <For each={props.view.children}>{(c) => <option value={c.id}>{c.name}</option>}</For>
            </select>
          </label>{' '}
          <button type="submit">{tg('pickUnitGo')}</button>
        </form>
      </Show>
    </>
  );
}

export default function TargetsPage() {
  const [search] = useSearchParams<{ unit?: string }>();
  const [list, { refetch }] = createResource(
    // An object, never undefined (which would fetch nothing): without a unit asked for, the caller's own scope.
    () => ({ unit: search.unit || undefined }),
    ({ unit }) => targetsApi.list(unit),
  );
  const [courses] = createResource(() => api.courses().then((r) => r.courses.map(({ slug, title }) => ({ slug, title }))));
  // Where the page stands and what lies below: for the trail and the picker (nothing shown when it cannot be read).
  const [place] = createResource(
    () => ({ unit: search.unit || undefined }),
    ({ unit }) => org.view(unit).catch(() => null),
  );
  const [editing, setEditing] = createSignal<TargetInput>(blank());
  const [saved, setSaved] = createSignal('');
  const canEdit = () => me()?.roles.some((r) => r.role === 'admin' || r.role === 'hr') ?? false;
  const ownerName = (id: string | undefined) => list.latest?.targets.find((x) => x.owner?.id === id)?.owner?.name ?? null;
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
      <Show when={x.editable}>
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
      </Show>
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
    { title: () => tg('origin'), cell: originOf },
    { title: () => t('targets.field.programme'), cell: (x) => x.programme.map(courseTitle).join(', ') },
    { title: () => t('targets.scope'), cell: scopeText },
    { title: () => t('targets.field.percent'), cell: (x) => `${x.percent}%`, num: true },
    { title: () => t('targets.field.deadline'), cell: (x) => formatDay(x.deadline) },
    { title: () => t('targets.field.validity'), cell: validityText },
    ...(canEdit() ? [edit] : []),
  ];
  return (
    <section>
      <Show when={place()}>{(view) => <UnitPicker view={view()} />}</Show>
      <h1>{t('targets.title')}</h1>
      <p>{t('targets.intro')}</p>
      <Loaded of={list}>
        {(data) => (
          <Show when={data().targets.length > 0} fallback={<p>{t('targets.empty')}</p>}>
            <DataTable class="targets" rows={data().targets} columns={columns()} />
          </Show>
        )}
      </Loaded>
      <p class="muted">{tg('readOnly')}</p>
      <Show when={canEdit()}>
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
              unit={list.latest?.unit ?? null}
              ownerName={ownerName(initial.unitId)}
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
