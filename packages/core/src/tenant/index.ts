import * as v from 'valibot';
import { createHash } from 'node:crypto';
import { Actor } from '../actor.ts';
import { Audit } from '../audit/index.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Org } from '../org/index.ts';
import * as schema from './schema.ts';
import { deleteTenant, getLogo, getTenants, putLogo, putName, removeLogo } from './store.ts';

/**
 * Provinces and ministries as tenants of one installation: a unit given a display name (and a
 * logo) shows them to the people of its subtree, in the header of every page and at the head
 * of its subtree's reports. Its admins, courses and targets are the other domains' business,
 * bounded by the same subtree; the API lets only an admin whose grant covers the unit set them.
 */
export namespace Tenant {
  export type Info = schema.Info;
  export type Brand = schema.Brand;
  export const Name = schema.Name;
  export const inspectLogo = schema.inspectLogo;

  /** The tenant a unit belongs to: the nearest unit at or above it that is one (one request), or none. */
  export async function of(unit: Pick<Org.Info, 'id' | 'ancestors'>): Promise<Info | null> {
    const chain = [...unit.ancestors, unit.id];
    const found = new Map((await getTenants(chain)).map((t) => [t.unitId, t]));
    for (const id of chain.reverse()) if (found.has(id)) return found.get(id)!;
    return null;
  }

  /** The unit's own tenant settings, when it is a tenant. */
  export async function get(unitId: string): Promise<Info | null> {
    return (await getTenants([unitId]))[0] ?? null;
  }

  /** Where a tenant's logo is served: the version in the address, so a browser may keep it. */
  export const logoPath = (t: Pick<Info, 'unitId' | 'logo'>) => (t.logo ? `/api/tenants/${encodeURIComponent(t.unitId)}/logo?v=${t.logo.version}` : null);

  /** What a person's pages show of their tenant. */
  export async function brandOf(unit: Pick<Org.Info, 'id' | 'ancestors'>): Promise<Brand | null> {
    const t = await of(unit);
    return t ? { unitId: t.unitId, name: t.name, logo: logoPath(t) } : null;
  }

  /** What a report of a unit's subtree prints at its head: its tenant's name and logo. The unit, or its id when the caller has not read it. */
  export async function forReport(
    unit: string | Pick<Org.Info, 'id' | 'ancestors'>,
  ): Promise<{ name: string; logo: { type: schema.LogoType; bytes: Uint8Array } | null } | null> {
    const t = await of(typeof unit === 'string' ? await Org.get(unit) : unit);
    if (!t) return null;
    const logo = t.logo ? await getLogo(t.unitId) : null;
    return { name: t.name, logo: logo ? { type: logo.type, bytes: logo.bytes } : null };
  }

  /** Makes a unit a tenant with this display name, or renames it; audited. */
  export const set = fn(v.object({ unitId: Org.Id, name: schema.Name, actor: Actor }), async ({ unitId, name, actor }): Promise<Info> => {
    const unit = await Org.get(unitId);
    await putName(unit.id, name, new Date().toISOString(), actor.email);
    await Audit.record({ actor: actor.email, action: 'tenant.set', unitId: unit.id, detail: { name } }, unit);
    return (await get(unit.id))!;
  });

  /** Replaces a tenant's logo with a PNG or JPEG (at most 100 KB, 1024×1024); audited. */
  export const setLogo = fn(
    v.object({ unitId: Org.Id, bytes: v.custom<Uint8Array>((b) => b instanceof Uint8Array, 'cần tệp ảnh'), actor: Actor }),
    async ({ unitId, bytes, actor }): Promise<Info> => {
      const seen = schema.inspectLogo(bytes);
      if ('problem' in seen) throw new VisibleError('tenant.logo_invalid', seen.problem);
      const unit = await Org.get(unitId);
      const version = createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
      if (!(await putLogo(unit.id, { ...seen, version }, bytes, new Date().toISOString(), actor.email))) throw notATenant();
      await Audit.record(
        {
          actor: actor.email,
          action: 'tenant.logo',
          unitId: unit.id,
          detail: { type: seen.type, width: seen.width, height: seen.height, bytes: bytes.length },
        },
        unit,
      );
      return (await get(unit.id))!;
    },
  );

  export const removeLogoOf = fn(v.object({ unitId: Org.Id, actor: Actor }), async ({ unitId, actor }): Promise<void> => {
    const unit = await Org.get(unitId);
    if (!(await get(unit.id))) throw notATenant();
    await removeLogo(unit.id, new Date().toISOString(), actor.email);
    await Audit.record({ actor: actor.email, action: 'tenant.logo_removed', unitId: unit.id, detail: {} }, unit);
  });

  /** The unit stops being a tenant: its people see the tenant above it, or none; audited. */
  export const remove = fn(v.object({ unitId: Org.Id, actor: Actor }), async ({ unitId, actor }): Promise<void> => {
    const unit = await Org.get(unitId);
    if (!(await get(unit.id))) throw notATenant();
    await deleteTenant(unit.id);
    await Audit.record({ actor: actor.email, action: 'tenant.removed', unitId: unit.id, detail: {} }, unit);
  });

  /** A tenant's logo, for the address `logoPath` gives. */
  export async function logo(unitId: string): Promise<{ type: schema.LogoType; version: string; bytes: Uint8Array } | null> {
    return getLogo(unitId);
  }

  const notATenant = () => new VisibleError('tenant.not_found', 'Đơn vị này chưa có tên hiển thị riêng: đặt tên trước, rồi tải biểu trưng lên.');
}
