import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { api, type PasswordLink } from '../data/api.ts';
import { accounts } from '../data/accounts.ts';
import { org, roster } from '../data/org.ts';
import { param, query } from '../data/readiness.ts';
import { hasRole, me } from '../data/session.ts';
import { formatDay, formatNumber, t } from '../i18n/index.ts';
import { AccountList, GrantForm } from '../ui/account-list.tsx';
import { Async, Loaded } from '../ui/async.tsx';
import { PasswordLinkBox } from '../ui/password-link.tsx';
import { SubmitOutcome, useSubmit } from '../ui/submission.tsx';
import { UnitTrail } from '../ui/unit-trail.tsx';

const href = (unit: string) => `/tai-khoan${query({ unit })}`;

/**
 * Whose staff code was typed, before an account is made for it: name and unit from the roster
 * of the officer's scope, or plainly that no one there has it (a mistyped code).
 */
function Whose(props: { code: string }) {
  const [found] = createResource(
    () => props.code || null,
    (code) => roster.search(undefined, code).then((r) => r.people.find((p) => p.employeeCode.toLowerCase() === code.toLowerCase()) ?? null),
  );
  return (
    <p id="acc-code-whose" class="muted" aria-live="polite">
      <Show when={props.code && !found.loading}>
        <Show when={found()} fallback={<span class="error">{t('accounts.whoseNone', { code: props.code })}</span>}>
          {(p) => t('accounts.whose', { name: p().fullName, unit: p().unitName })}
        </Show>
      </Show>
    </p>
  );
}

/** A form that hands over a one-time set-password link, shown under its own button with a way to copy it. */
function LinkForm(props: { id: string; submitLabel: string; children: JSX.Element; send: (form: FormData) => Promise<PasswordLink>; onSent?: () => void }) {
  const submission = useSubmit();
  const [link, setLink] = createSignal<PasswordLink | null>(null);
  const submit = submission.onSubmit(async (form) => {
    setLink(null);
    const sent = await props.send(new FormData(form));
    setLink(sent);
    props.onSent?.();
    return t('accounts.link', { email: sent.email, date: formatDay(sent.expiresAt) });
  });
  return (
    <form class="stack" onSubmit={submit}>
      {props.children}
      <button type="submit" disabled={submission.busy()}>
        {props.submitLabel}
      </button>
      <SubmitOutcome of={submission}>
        <Show when={link()} keyed>
          {(l) => <PasswordLinkBox link={l} id={`${props.id}-link`} />}
        </Show>
      </SubmitOutcome>
    </form>
  );
}

/**
 * HR and admins give accounts and hand over one-time set-password links (no e-mail server
 * assumed), see who in a unit can already sign in, and admins give or take back roles.
 */
export default function Accounts() {
  const [search] = useSearchParams();
  const unit = () => param(search.unit) ?? '';
  const [tree] = createResource(unit, (u) => org.view(u || undefined));
  const [list, { refetch }] = createResource(unit, (u) => accounts.list(u || undefined));
  const [code, setCode] = createSignal('');
  const isAdmin = () => hasRole('admin');
  const everywhere = () => me()?.roles.some((r) => r.role === 'admin' && r.unitId === null) ?? false;
  return (
    <section>
      <h1>{t('accounts.title')}</h1>
      <Async of={tree}>
        {(view) => (
          <>
            <UnitTrail view={view} href={href} />
            <p>{t('accounts.intro')}</p>
            <div class="columns">
              <section aria-labelledby="acc-create-title">
                <h2 id="acc-create-title">{t('accounts.create')}</h2>
                <LinkForm
                  id="acc-create"
                  submitLabel={t('accounts.create')}
                  send={(f) => api.createAccount(String(f.get('email')), String(f.get('employeeCode')))}
                  onSent={() => void refetch()}
                >
                  <label for="acc-code">{t('accounts.employeeCode')}</label>
                  <input
                    id="acc-code"
                    name="employeeCode"
                    type="text"
                    required
                    maxLength={64}
                    autocomplete="off"
                    aria-describedby="acc-code-whose"
                    onChange={(e) => setCode(e.currentTarget.value.trim())}
                  />
                  <Whose code={code()} />
                  <label for="acc-email">{t('accounts.email')}</label>
                  <input id="acc-email" name="email" type="email" required maxLength={320} />
                </LinkForm>
              </section>
              <section aria-labelledby="acc-reset-title">
                <h2 id="acc-reset-title">{t('accounts.reset')}</h2>
                <p>{t('accounts.resetIntro')}</p>
                <LinkForm id="acc-reset" submitLabel={t('accounts.reset')} send={(f) => api.reissueLink(String(f.get('email')))}>
                  <label for="reset-email">{t('accounts.email')}</label>
                  <input id="reset-email" name="email" type="email" required maxLength={320} />
                </LinkForm>
              </section>
            </div>
            <section aria-labelledby="acc-list-title">
              <h2 id="acc-list-title">{t('accounts.listTitle', { unit: view.unit.name })}</h2>
              <Loaded of={list}>
                {(data) => (
                  <Show when={data().accounts.length > 0} fallback={<p>{t('accounts.listEmpty', { unit: view.unit.name })}</p>}>
                    <p>{t('accounts.listCount', { n: formatNumber(data().accounts.length) })}</p>
                    <AccountList list={data().accounts} canGrant={isAdmin()} onChanged={() => void refetch()} />
                    <Show when={isAdmin()}>
                      <h3 id="grant-title">{t('accounts.grantTitle')}</h3>
                      <p class="muted">{t('accounts.grantIntro')}</p>
                      <GrantForm
                        list={data().accounts}
                        scopes={[
                          { id: view.unit.id, name: view.unit.name },
                          ...view.ancestors.filter((a) => a.inScope).reverse(),
                          ...(everywhere() ? [{ id: null, name: t('accounts.everywhere') }] : []),
                        ]}
                        onGiven={() => void refetch()}
                      />
                    </Show>
                  </Show>
                )}
              </Loaded>
            </section>
            <Show when={view.children.length > 0}>
              <h2>{t('roster.children')}</h2>
              <ul class="unit-links">
                <For each={view.children}>
                  {(c) => (
                    <li>
                      <A href={href(c.id)}>{c.name}</A>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Async>
    </section>
  );
}
