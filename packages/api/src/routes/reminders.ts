import * as v from 'valibot';
import { Digest, Reminder } from '@sansang/core';
import { siteOrigin } from '../site.ts';
import { actorOf, route, routes } from '../route.ts';
import { unitOrRoot } from './reports.ts';

/** How long "send now" sends before it answers; a run holds each message it started until it is settled, well within the 29 s. */
const RUN_SECONDS = 20;

/** How many of the day's messages the preview lists. */
const PREVIEW_LIMIT = 500;

const Unit = v.optional(v.pipe(v.string(), v.maxLength(64)));
const Day = v.optional(v.pipe(v.string(), v.isoDate('ngày phải có dạng 2026-12-31')));

export const reminderRoutes = routes(
  route({
    method: 'get',
    path: '/api/reminders/plan',
    summary:
      'Thư nhắc việc sẽ gửi trong ngày (mặc định hôm nay) cho học viên của đơn vị và các đơn vị trực thuộc: mỗi người một thư, các việc đến hạn và lý do; tối đa 500 người đầu tiên (more: true khi còn nữa)',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: Unit, date: Day }),
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit }) => {
      const u = await unitOrRoot(unit);
      // The first PREVIEW_LIMIT found: a province's deadline day may have 30,000, more than a request's time or a screen holds.
      const [{ messages, more }, paused] = await Promise.all([
        Reminder.preview({ unitId: u.id, date: query.date, limit: PREVIEW_LIMIT }),
        Reminder.pausesOver(u.id),
      ]);
      return c.json({
        unit: { id: u.id, name: u.name },
        day: query.date ?? null,
        // The pauses that hold this unit's reminders back: its own, or one above it.
        paused,
        // Whether a run started now would wait for the morning.
        quiet: Reminder.isQuietHour(new Date()),
        // `more`: people beyond the first PREVIEW_LIMIT are due too (a run sends to all).
        more,
        // `state`: where today's message to them stands when a run already recorded it (a run skips those settled).
        messages: messages.map(({ personId, fullName, unitId, email, items, state }) => ({
          personId,
          fullName,
          unitId,
          hasEmail: email !== null,
          items,
          state: state ?? null,
        })),
      });
    },
  }),
  route({
    method: 'post',
    path: '/api/reminders/run',
    summary:
      'Gửi ngay thư nhắc việc đến hạn hôm nay cho đơn vị và các đơn vị trực thuộc; gửi lại trong ngày không gửi thêm thư nào; gửi trong tối đa 20 giây, còn lại thì unfinished: true và gửi lại để gửi tiếp (ghi nhật ký)',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: Unit }),
    unit: ({ query }) => query.unit,
    handler: async (c, { unit }) => {
      const u = await unitOrRoot(unit);
      // Within the request's time (API Gateway's 29 s): what is left is `unfinished`, and pressing again sends on from there.
      return c.json(await Reminder.run({ unitId: u.id, actor: actorOf(c), site: siteOrigin(c.req.raw), stopAt: Date.now() + RUN_SECONDS * 1000 }));
    },
  }),
  route({
    method: 'post',
    path: '/api/reminders/pause',
    summary: 'Tạm dừng (paused: true) hoặc tiếp tục (paused: false) nhắc việc của đơn vị và các đơn vị trực thuộc (ghi nhật ký)',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: Unit }),
    body: v.object({ paused: v.boolean('paused phải là true hoặc false') }),
    unit: ({ query }) => query.unit,
    handler: async (c, { body, unit }) => {
      const u = await unitOrRoot(unit);
      return c.json({ pause: await Reminder.pause({ unitId: u.id, paused: body.paused, actor: actorOf(c) }) });
    },
  }),
  route({
    method: 'get',
    path: '/api/reminders/history',
    summary: 'Thư nhắc việc đã gửi của đơn vị và các đơn vị trực thuộc: ngày, người nhận, lý do, trạng thái; lọc theo năm, tháng hoặc ngày',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: Unit, days: v.optional(v.pipe(v.string(), v.regex(/^\d{4}(-\d\d){0,2}$/, 'dạng 2026, 2026-12 hoặc 2026-12-01'))) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit }) => {
      const u = await unitOrRoot(unit);
      return c.json({ unit: { id: u.id, name: u.name }, ...(await Reminder.history({ unitId: u.id, days: query.days })) });
    },
  }),
  route({
    method: 'get',
    path: '/api/notices',
    summary: 'Thông báo trong ứng dụng của người đang đăng nhập (nhắc việc), mới nhất trước, kèm số chưa đọc',
    access: { signedIn: true },
    handler: async (c) => {
      const notices = await Reminder.notices(c.var.person!.id);
      return c.json({ notices, unread: notices.filter((n) => !n.read).length });
    },
  }),
  route({
    method: 'post',
    path: '/api/notices/:id/read',
    summary: 'Đánh dấu đã đọc một thông báo của chính mình',
    access: { signedIn: true },
    params: v.object({ id: v.pipe(v.string(), v.maxLength(100)) }),
    handler: async (c, { params }) => {
      await Reminder.markRead({ personId: c.var.person!.id, id: params.id });
      return c.body(null, 204);
    },
  }),
  route({
    method: 'get',
    path: '/api/reminders/digest',
    summary: 'Người đang đăng nhập có nhận báo cáo tuần và cảnh báo "không kịp hạn" không (cán bộ tổ chức, thủ trưởng đơn vị nào), và đã tắt nhận chưa',
    access: { signedIn: true },
    handler: async (c) => c.json(await Digest.status(c.var.person!.id, actorOf(c).grants)),
  }),
  route({
    method: 'post',
    path: '/api/reminders/digest-optout',
    summary:
      'Tắt (optOut: true) hoặc bật lại (optOut: false) báo cáo tuần và cảnh báo "không kịp hạn" của chính mình (ghi nhật ký); thư nhắc việc của học viên không tắt được',
    access: { signedIn: true },
    // Strict: the choice is the signed-in person's own, and a body naming anyone else is refused.
    body: v.strictObject({ optOut: v.boolean('optOut phải là true hoặc false') }),
    handler: async (c, { body }) => {
      const actor = actorOf(c);
      await Digest.optOut({ personId: c.var.person!.id, optOut: body.optOut, actor: { email: actor.email, personId: actor.personId } });
      return c.json(await Digest.status(c.var.person!.id, actor.grants));
    },
  }),
  route({
    method: 'get',
    path: '/api/reminders/head',
    summary: 'Thủ trưởng đơn vị nhận báo cáo tuần của đơn vị (nếu đã chỉ định)',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: Unit }),
    unit: ({ query }) => query.unit,
    handler: async (c, { unit }) => {
      const u = await unitOrRoot(unit);
      return c.json({ unit: { id: u.id, name: u.name }, head: await Digest.head(u.id) });
    },
  }),
  route({
    method: 'post',
    path: '/api/reminders/head',
    summary: 'Chỉ định thủ trưởng đơn vị nhận báo cáo tuần theo mã cán bộ (người của đơn vị hoặc đơn vị trực thuộc), hoặc bỏ chỉ định (null); ghi nhật ký',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ unit: Unit }),
    body: v.object({ employeeCode: v.nullable(v.pipe(v.string(), v.trim(), v.minLength(1, 'nhập mã cán bộ'), v.maxLength(64))) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { body, unit }) => {
      const u = await unitOrRoot(unit);
      return c.json({ unit: { id: u.id, name: u.name }, head: await Digest.nameHead({ unitId: u.id, employeeCode: body.employeeCode, actor: actorOf(c) }) });
    },
  }),
);
