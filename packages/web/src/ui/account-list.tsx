import { createSignal, For, Show } from 'solid-js';
import { accounts, givenRoles, plainGrants, type GivenRole, type ListedAccount, type ShownGrant } from '../data/accounts.ts';
import { t, type Key } from '../i18n/index.ts';
import { ConfirmAction } from './confirm-action.tsx';
import { DataTable, type Column } from './data-table.tsx';
import { SubmitOutcome, useSubmit } from './submission.tsx';

/** A role as an officer reads it: what it is and how far it reaches ("Cán bộ tổ chức · Sở Nội vụ"). */
export function grantLabel(g: Pick<ShownGrant, 'role' | 'unitName'>): string {
  const role = t(`role.${g.role}` as Key);
  if (g.role === 'trainer') return role;
  return `${role} · ${g.unitName ?? t('accounts.everywhere')}`;
}

const sameGrant = (a: Pick<ShownGrant, 'role' | 'unitId'>, b: Pick<ShownGrant, 'role' | 'unitId'>) =>
  a.role === b.role && (a.role === 'trainer' || a.unitId === b.unitId);

/**
 * Who among the people directly in the unit can already sign in, with each role they hold.
 * An admin may take a role back, after saying so: the server refuses what lies beyond their own.
 */
export function AccountList(props: { list: ListedAccount[]; canGrant: boolean; onChanged: () => void }) {
  const roles: Column<ListedAccount> = {
    title: () => t('accounts.col.roles'),
    cell: (a) => (
      <Show when={a.grants.length > 0} fallback={t('role.learner')}>
        <ul class="grants">
          <For each={a.grants}>
            {(g) => (
              <li>
                {grantLabel(g)}{' '}
                <Show when={props.canGrant}>
                  <ConfirmAction
                    label={t('accounts.revoke')}
                    name={t('accounts.revokeLabel', { role: grantLabel(g), email: a.email })}
                    question={t('accounts.revokeQuestion', { role: grantLabel(g), email: a.email })}
                    yes={t('accounts.revoke')}
                    no={t('accounts.keep')}
                    run={async () => {
                      await accounts.setGrants(a.email, plainGrants(a.grants.filter((x) => !sameGrant(x, g))));
                      props.onChanged();
                    }}
                  />
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    ),
  };
  const columns: Column<ListedAccount>[] = [
    {
      title: () => t('people.col.name'),
      cell: (a) => (
        <>
          {a.fullName}
          <br />
          <span class="muted">{a.employeeCode}</span>
        </>
      ),
      rowHeader: true,
    },
    { title: () => t('accounts.col.email'), cell: (a) => <span class="email">{a.email}</span> },
    roles,
  ];
  return <DataTable class="accounts" rows={props.list} columns={columns} />;
}

/**
 * Gives one of the accounts listed a role over a unit the admin reaches (a trainer's reaches
 * the whole catalogue, so it has no unit). What the account held is kept.
 */
export function GrantForm(props: { list: ListedAccount[]; scopes: { id: string | null; name: string }[]; onGiven: () => void }) {
  const submission = useSubmit();
  const [role, setRole] = createSignal<GivenRole>('hr');
  const submit = submission.onSubmit(async (form) => {
    const data = new FormData(form);
    const account = props.list.find((a) => a.email === data.get('email'))!;
    const scope = props.scopes.find((s) => (s.id ?? '') === data.get('scope')) ?? props.scopes[0]!;
    const given = { role: role(), unitId: role() === 'trainer' ? null : scope.id };
    const label = grantLabel({ role: given.role, unitName: scope.id === null ? null : scope.name });
    if (account.grants.some((g) => sameGrant(g, given))) return t('accounts.alreadyHas', { email: account.email, role: label });
    await accounts.setGrants(account.email, [...plainGrants(account.grants), given]);
    props.onGiven();
    return t('accounts.granted', { email: account.email, role: label });
  });
  return (
    <form class="form-grid grant-form" onSubmit={submit} aria-labelledby="grant-title">
      <div class="field">
        <label for="grant-email">{t('accounts.col.email')}</label>
        <select id="grant-email" name="email" required>
          <For each={props.list}>{(a) => <option value={a.email}>{`${a.fullName} · ${a.email}`}</option>}</For>
        </select>
      </div>
      <div class="field">
        <label for="grant-role">{t('accounts.grantRole')}</label>
        <select id="grant-role" name="role" value={role()} onChange={(e) => setRole(e.currentTarget.value as GivenRole)}>
          <For each={givenRoles}>{(r) => <option value={r}>{t(`role.${r}` as Key)}</option>}</For>
        </select>
      </div>
      <Show when={role() !== 'trainer'}>
        <div class="field">
          <label for="grant-scope">{t('accounts.grantScope')}</label>
          <select id="grant-scope" name="scope">
            <For each={props.scopes}>{(s) => <option value={s.id ?? ''}>{s.name}</option>}</For>
          </select>
        </div>
      </Show>
      <p class="wide">
        <button type="submit" disabled={submission.busy()}>
          {t('accounts.grantSubmit')}
        </button>
      </p>
      <div class="wide">
        <SubmitOutcome of={submission} />
      </div>
    </form>
  );
}
