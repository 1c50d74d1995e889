import * as v from 'valibot';
import { Certificate, Course, vnDay } from '@sansang/core';
import { actorOf, route, routes } from '../route.ts';
import { attachment } from '../attachment.ts';

const verifyUrl = (origin: string, code: string) => `${origin}/verify/${code}`;

export const certificateRoutes = routes(
  route({
    method: 'get',
    path: '/api/courses/:slug/certificate',
    summary: 'Chứng nhận hoàn thành khoá học của người học (cấp khi cần, mã xác minh không đổi)',
    access: { signedIn: true },
    params: v.object({ slug: Course.Slug }),
    handler: async (c, { params }) => {
      const certificate = await Certificate.issue({ personId: c.var.person!.id, slug: params.slug });
      return c.json({ certificate, verifyUrl: verifyUrl(new URL(c.req.url).origin, certificate.code) });
    },
  }),
  route({
    method: 'get',
    path: '/api/courses/:slug/certificate.pdf',
    summary: 'Tải chứng nhận hoàn thành dạng PDF (tiếng Việt, phông chữ nhúng sẵn)',
    access: { signedIn: true },
    params: v.object({ slug: Course.Slug }),
    handler: async (c, { params }) => {
      const origin = new URL(c.req.url).origin;
      const { pdf } = await Certificate.download({
        actor: actorOf(c),
        personId: c.var.person!.id,
        slug: params.slug,
        verifyUrl: (code) => verifyUrl(origin, code),
      });
      return c.body(new Uint8Array(pdf), 200, {
        'content-type': 'application/pdf',
        'content-disposition': attachment(`chung-nhan-${params.slug}.pdf`),
        'cache-control': 'no-store',
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/certificates/:code',
    summary: 'Xác minh một chứng nhận theo mã (công khai)',
    access: { public: true },
    params: v.object({ code: v.pipe(v.string(), v.maxLength(40)) }),
    handler: async (c, { params }) => {
      const found = await Certificate.verify(params.code);
      if (!found) return c.json({ valid: false as const, code: Certificate.normaliseCode(params.code) });
      const { fullName, unitName, courseTitle, version, completedAt, code } = found;
      const validUntil = found.validUntil ?? null;
      const { name, parent } = Certificate.issuer(found);
      const issuer = [name, parent].filter(Boolean).join(', ').replace(/\s+/g, ' ');
      return c.json({
        valid: true as const,
        certificate: { code, fullName, unitName, courseTitle, version, completedAt, issuer, validUntil, lapsed: validUntil !== null && vnDay() > validUntil },
      });
    },
  }),
);
