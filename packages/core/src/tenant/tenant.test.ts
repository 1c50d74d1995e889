import { beforeAll, describe, expect, it } from 'vitest';
import { Audit, Org, Tenant } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { smallProvince } from '../../../../test/support/fixtures.ts';
import { jpegHead, pngLogo } from '../../../../test/support/logo.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const actor = { email: 'quantri@test.vn', grants: [{ role: 'admin' as const, unitId: null }] };

describe('tenants: a province or ministry with its own name and logo', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(1);
  });

  it('reads a logo’s type and size from its header, and says what is wrong with anything else', () => {
    expect(Tenant.inspectLogo(pngLogo(120, 80))).toEqual({ type: 'image/png', width: 120, height: 80 });
    expect(Tenant.inspectLogo(jpegHead(300, 200))).toEqual({ type: 'image/jpeg', width: 300, height: 200 });
    expect(Tenant.inspectLogo(new Uint8Array())).toEqual({ problem: 'Tệp biểu trưng trống.' });
    expect(Tenant.inspectLogo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ problem: 'Biểu trưng phải là ảnh PNG hoặc JPEG.' });
    expect(Tenant.inspectLogo(jpegHead(2000, 100))).toEqual({ problem: 'Biểu trưng tối đa 1024×1024 điểm ảnh; ảnh này 2000×100.' });
    expect(Tenant.inspectLogo(Buffer.concat([pngLogo(), Buffer.alloc(100_001)]))).toMatchObject({ problem: expect.stringContaining('tối đa 100 KB') });
  });

  it('gives every unit the nearest tenant at or above it, and none outside any', async () => {
    expect(await Tenant.of(tree.commune)).toBeNull();
    await Tenant.set({ unitId: tree.province.id, name: '  UBND tỉnh Thử  ', actor });
    await Tenant.set({ unitId: tree.agency.id, name: 'Sở Nội vụ tỉnh Thử', actor });
    expect((await Tenant.of(tree.commune))?.name).toBe('UBND tỉnh Thử');
    expect((await Tenant.of(tree.dept1))?.name).toBe('Sở Nội vụ tỉnh Thử');
    expect(await Tenant.brandOf(tree.province)).toEqual({ unitId: tree.province.id, name: 'UBND tỉnh Thử', logo: null });
    // A unit outside the province (another tenant's, or none's) sees neither.
    const elsewhere = Org.make({ id: 'tinh-khac', code: 'TK', name: 'Tỉnh khác', kind: 'province' }, null);
    await putMany([Org.toItem(elsewhere)]);
    expect(await Tenant.of(elsewhere)).toBeNull();
    await Tenant.remove({ unitId: tree.agency.id, actor });
    expect((await Tenant.of(tree.dept1))?.name).toBe('UBND tỉnh Thử');
  });

  it('keeps a logo apart from the tenant, versioned by its content, and refuses one for a unit that is not a tenant', async () => {
    await expect(Tenant.setLogo({ unitId: tree.commune.id, bytes: pngLogo(), actor })).rejects.toMatchObject({ code: 'tenant.not_found' });
    await expect(Tenant.setLogo({ unitId: tree.province.id, bytes: Buffer.from('GIF89a'), actor })).rejects.toMatchObject({ code: 'tenant.logo_invalid' });
    const set = await Tenant.setLogo({ unitId: tree.province.id, bytes: pngLogo(64, 32), actor });
    expect(set.logo).toMatchObject({ type: 'image/png', width: 64, height: 32 });
    const brand = await Tenant.brandOf(tree.commune);
    expect(brand?.logo).toBe(`/api/tenants/tinh/logo?v=${set.logo!.version}`);
    expect(Buffer.from((await Tenant.logo(tree.province.id))!.bytes).equals(pngLogo(64, 32))).toBe(true);
    // A new picture is a new address: a browser that kept the old one asks again.
    const next = await Tenant.setLogo({ unitId: tree.province.id, bytes: pngLogo(64, 32, [0, 0, 255]), actor });
    expect(next.logo!.version).not.toBe(set.logo!.version);
    expect((await Tenant.forReport(tree.dept2.id))?.logo?.type).toBe('image/png');
    await Tenant.removeLogoOf({ unitId: tree.province.id, actor });
    expect(await Tenant.logo(tree.province.id)).toBeNull();
    expect(await Tenant.brandOf(tree.commune)).toMatchObject({ name: 'UBND tỉnh Thử', logo: null });
  });

  it('writes every change to the audit log under its unit', async () => {
    const actions = (await Audit.list({ from: new Date().toISOString().slice(0, 10), to: new Date().toISOString().slice(0, 10), actor: actor.email }))
      .map((e) => `${e.action} ${e.unitId}`)
      .sort();
    expect(actions).toEqual(
      ['tenant.logo tinh', 'tenant.logo tinh', 'tenant.logo_removed tinh', 'tenant.removed so', 'tenant.set so', 'tenant.set tinh'].sort(),
    );
  });
});
