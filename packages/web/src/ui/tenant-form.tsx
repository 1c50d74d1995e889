import { createResource, Show } from 'solid-js';
import { tenants } from '../data/org.ts';
import { reloadMe } from '../data/session.ts';
import { to } from '../i18n/org.ts';
import { SubmitOutcome, useSubmit } from './submission.tsx';

/**
 * A unit's own display name and logo (a province, a ministry: issue 20), on its page for the
 * admins whose grant covers it: the name heads its people's pages and its reports, beside the logo.
 */
export function TenantForm(props: { unitId: string; unitName: string }) {
  const [tenant, { refetch }] = createResource(
    () => props.unitId,
    (id) => tenants.get(id).then((r) => r.tenant),
  );
  const submission = useSubmit();
  // The header shows the signed-in person's tenant: it follows a change to their own.
  const changed = (sentence: string) => {
    void refetch();
    void reloadMe();
    return sentence;
  };
  const saveName = submission.onSubmit(async (form) =>
    changed(to('tenant.saved', { name: (await tenants.setName(props.unitId, String(new FormData(form).get('name')))).tenant.name })),
  );
  const saveLogo = submission.onSubmit(async (form) => {
    const file = (form.elements.namedItem('logo') as HTMLInputElement).files?.[0];
    if (!file) return to('tenant.noFile');
    await tenants.setLogo(props.unitId, file);
    form.reset();
    return changed(to('tenant.logoSaved'));
  });
  return (
    <section aria-labelledby="tenant-title">
      <h2 id="tenant-title">{to('tenant.title')}</h2>
      <p>{to('tenant.intro')}</p>
      <Show when={tenant.state === 'ready' || tenant.state === 'refreshing'}>
        <form onSubmit={saveName} class="inline-form">
          <label>
            {to('tenant.name')}
            <input name="name" required maxLength={120} value={tenant()?.name ?? props.unitName.toLocaleUpperCase('vi-VN')} />
          </label>
          <button type="submit" disabled={submission.busy()}>
            {to('tenant.saveName')}
          </button>
        </form>
        <Show when={tenant()}>
          {(t) => (
            <>
              <Show when={t().logoUrl} fallback={<p class="muted">{to('tenant.noLogo')}</p>}>
                {(src) => (
                  <p>
                    <img class="tenant-logo-preview" src={src()} alt={to('tenant.logoAlt', { name: t().name })} height="64" />
                  </p>
                )}
              </Show>
              <form onSubmit={saveLogo} class="inline-form">
                <label>
                  {to('tenant.logo')}
                  <input name="logo" type="file" accept="image/png,image/jpeg" />
                </label>
                <button type="submit" disabled={submission.busy()}>
                  {to('tenant.upload')}
                </button>
              </form>
              <p class="links-row">
                <Show when={t().logoUrl}>
                  <button
                    type="button"
                    class="link"
                    onClick={() => void submission.run(async () => (await tenants.removeLogo(props.unitId), changed(to('tenant.logoRemoved'))))}
                  >
                    {to('tenant.removeLogo')}
                  </button>
                </Show>
                <button
                  type="button"
                  class="link"
                  onClick={() => void submission.run(async () => (await tenants.remove(props.unitId), changed(to('tenant.removed'))))}
                >
                  {to('tenant.remove')}
                </button>
              </p>
            </>
          )}
        </Show>
      </Show>
      <SubmitOutcome of={submission} />
    </section>
  );
}
