import { describe, expect, it } from 'vitest';
import { app } from '@sansang/api';
import { Tenant, unitIdFor } from '@sansang/core';
import { sessionCookie } from '../../../test/support/api-session.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { readPng } from '../../../test/support/logo.ts';
import { DEMO_PASSWORD } from './demo/generate.ts';
import { contentDir } from './paths.ts';
import { seedDemo } from './seed.ts';

describe('the demo province, seeded', () => {
  it('heads its learner’s pages and its reports with the province’s own name and logo, a valid PNG emblem', async () => {
    const table = await useFreshTable();
    expect((await seedDemo({ table, contentDir })).seeded).toBe(true);

    // What the header shows, from /api/me: the learner works in a commune's centre, the tenant is the province above it.
    const cookie = await sessionCookie('hocvien@demo.sansang.vn', DEMO_PASSWORD);
    const me = (await (await app.request('/api/me', { headers: { cookie } })).json()) as { unit: { id: string }; tenant: Tenant.Brand | null };
    expect(me.unit.id).not.toBe(unitIdFor('MS'));
    expect(me.tenant).toMatchObject({
      unitId: unitIdFor('MS'),
      name: 'UỶ BAN NHÂN DÂN TỈNH MINH SƠN',
      logo: expect.stringMatching(/^\/api\/tenants\/.+\/logo\?v=/),
    });

    // The picture at that address: a valid PNG within the logo rules, a disc on a clear ground.
    const res = await app.request(me.tenant!.logo!, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Tenant.inspectLogo(bytes)).toEqual({ type: 'image/png', width: 128, height: 128 });
    const { width, rgba } = readPng(bytes);
    const pixel = (x: number, y: number) => [...rgba.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];
    expect(pixel(0, 0)[3]).toBe(0);
    expect(pixel(4, 64)[3]).toBe(255);
    expect(pixel(4, 64).slice(0, 3)).not.toEqual([255, 255, 255]);

    // The same logo heads the province's reports.
    const report = await Tenant.forReport(unitIdFor('MS'));
    expect(report?.name).toBe('UỶ BAN NHÂN DÂN TỈNH MINH SƠN');
    expect(Buffer.from(report!.logo!.bytes).equals(Buffer.from(bytes))).toBe(true);
  }, 300_000);
});
