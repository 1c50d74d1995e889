import * as v from 'valibot';
import { Org, Tenant, VisibleError } from '@sansang/core';
import { actorOf, route, routes } from '../route.ts';

const UnitParam = v.object({ id: Org.Id });
/** A tenant's name and logo are its admins' to set: those whose grant covers the unit. */
const tenantAdmin = { roles: ['admin' as const], scope: true };

export const tenantRoutes = routes(
  route({
    method: 'get',
    path: '/api/tenants/:id',
    summary: 'Tên hiển thị và biểu trưng riêng của một đơn vị (tỉnh, bộ), nếu có (quản trị của đơn vị)',
    access: tenantAdmin,
    params: UnitParam,
    unit: ({ params }) => params.id,
    handler: async (c, { unit }) => {
      const tenant = await Tenant.get(unit!.id);
      return c.json({ unit: { id: unit!.id, name: unit!.name }, tenant: tenant && { ...tenant, logoUrl: Tenant.logoPath(tenant) } });
    },
  }),
  route({
    method: 'post',
    path: '/api/tenants/:id',
    summary: 'Đặt tên hiển thị riêng cho đơn vị (tỉnh, bộ): hiện ở đầu trang của người thuộc đơn vị và trên báo cáo của đơn vị',
    access: tenantAdmin,
    params: UnitParam,
    body: v.object({ name: v.pipe(v.string(), v.maxLength(500)) }),
    unit: ({ params }) => params.id,
    handler: async (c, { unit, body }) => c.json({ tenant: await Tenant.set({ unitId: unit!.id, name: body.name, actor: actorOf(c) }) }),
  }),
  route({
    method: 'post',
    path: '/api/tenants/:id/logo',
    summary: 'Tải biểu trưng của đơn vị lên (ảnh PNG hoặc JPEG, tối đa 100 KB và 1024×1024 điểm ảnh)',
    access: tenantAdmin,
    upload: true,
    params: UnitParam,
    unit: ({ params }) => params.id,
    handler: async (c, { unit, file }) => c.json({ tenant: await Tenant.setLogo({ unitId: unit!.id, bytes: file, actor: actorOf(c) }) }),
  }),
  route({
    method: 'post',
    path: '/api/tenants/:id/logo/remove',
    summary: 'Bỏ biểu trưng của đơn vị',
    access: tenantAdmin,
    params: UnitParam,
    unit: ({ params }) => params.id,
    handler: async (c, { unit }) => {
      await Tenant.removeLogoOf({ unitId: unit!.id, actor: actorOf(c) });
      return c.body(null, 204);
    },
  }),
  route({
    method: 'post',
    path: '/api/tenants/:id/remove',
    summary: 'Bỏ tên hiển thị riêng của đơn vị: người thuộc đơn vị thấy tên của đơn vị cấp trên, hoặc của hệ thống',
    access: tenantAdmin,
    params: UnitParam,
    unit: ({ params }) => params.id,
    handler: async (c, { unit }) => {
      await Tenant.remove({ unitId: unit!.id, actor: actorOf(c) });
      return c.body(null, 204);
    },
  }),
  route({
    method: 'get',
    path: '/api/tenants/:id/logo',
    summary: 'Biểu trưng của một đơn vị, để hiện ở đầu trang (địa chỉ có phiên bản, trình duyệt được giữ lâu)',
    access: { signedIn: true },
    params: UnitParam,
    handler: async (_c, { params }) => {
      const logo = await Tenant.logo(params.id);
      if (!logo) throw new VisibleError('tenant.not_found', 'Đơn vị này không có biểu trưng.');
      return new Response(new Uint8Array(logo.bytes), {
        headers: { 'content-type': logo.type, 'cache-control': 'private, max-age=31536000, immutable', 'x-content-type-options': 'nosniff' },
      });
    },
  }),
);
