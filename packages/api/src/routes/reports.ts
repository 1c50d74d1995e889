import * as v from 'valibot';
import { Readable } from 'node:stream';
import { Org, Person, Readiness, Report, VisibleError, personIdFor, vnDay } from '@sansang/core';
import { actorOf, route, routes } from '../route.ts';
import { attachment } from '../attachment.ts';

const UnitQuery = v.object({ unit: v.optional(v.pipe(v.string(), v.maxLength(64))) });
const Day = v.pipe(v.string(), v.isoDate('ngày phải có dạng 2026-12-31'));
const Kind = v.picklist(Object.keys(Report.archiveKinds) as Report.Kind[], 'loại báo cáo không hợp lệ');

/**
 * People in the subtree above which a file is made in the background instead of while the
 * officer waits: an API request must finish well inside the 29 s of API Gateway.
 */
const directLimit = () => Number(process.env.REPORT_DIRECT_LIMIT ?? 5000);

export async function unitOrRoot(scoped: Org.Info | null): Promise<Org.Info> {
  const unit = scoped ?? (await Org.children(null))[0];
  if (!unit) throw new VisibleError('org.unit_not_found', 'Chưa có đơn vị nào.');
  return unit;
}

/**
 * What each file is called when saved: one language, Vietnamese (attachment() folds it to
 * ASCII for old clients), whether downloaded at once or from an archive.
 */
const fileStems: Record<Report.Download['kind'], string> = {
  'completions.csv': 'hoan-thanh',
  'completions.xlsx': 'hoan-thanh',
  'summary.pdf': 'tong-hop',
  'untrained.csv': 'chua-hoan-thanh',
  'calls.xlsx': 'danh-sach-can-nhac',
  'calls.pdf': 'danh-sach-can-nhac',
  'transcript.pdf': 'ket-qua',
  'org.csv': 'cay-to-chuc',
  'org.xlsx': 'cay-to-chuc',
};
export const fileName = (kind: Report.Download['kind'], ...parts: string[]) => `${[fileStems[kind], ...parts].join('-')}.${kind.split('.')[1]}`;

/** Streams a file to the officer as an attachment (core has recorded the download). */
export function sendFile(file: { body: Readable; kind: Report.Download['kind']; name: string }) {
  const type = file.kind.endsWith('.pdf')
    ? 'application/pdf'
    : file.kind.endsWith('.xlsx')
      ? Report.archiveKinds['completions.xlsx'].contentType
      : 'text/csv; charset=utf-8';
  return new Response(Readable.toWeb(file.body) as ReadableStream, {
    headers: { 'content-type': type, 'content-disposition': attachment(file.name), 'cache-control': 'no-store' },
  });
}

async function assertSmallEnough(unit: Org.Info) {
  const people = await Readiness.headcount(unit.id);
  if (people > directLimit()) {
    throw new VisibleError(
      'report.use_archive',
      `${unit.name} có ${people.toLocaleString('vi-VN')} người: báo cáo này được tạo ở chế độ nền. Hãy bấm "Tạo bản lưu" rồi tải về khi xong.`,
    );
  }
}

/**
 * A file made while the officer waits, of their unit or one below it: completions, who is
 * still to train, or the call list (issue 18) for places without e-mail; the last three of
 * one target (`?target=`, the default one when absent).
 */
const direct = <K extends 'completions.csv' | 'completions.xlsx' | 'untrained.csv' | 'calls.xlsx' | 'calls.pdf'>(kind: K, summary: string) =>
  route({
    method: 'get',
    path: `/api/reports/${kind}` as `/api/reports/${K}`,
    summary,
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ ...UnitQuery.entries, target: v.optional(v.pipe(v.string(), v.maxLength(64))) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit: scoped }) => {
      const unit = await unitOrRoot(scoped);
      await assertSmallEnough(unit);
      const of = kind === 'completions.csv' || kind === 'completions.xlsx' ? {} : { target: query.target };
      const body = await Report.download({ actor: actorOf(c), kind, unitId: unit.id, ...of } as Report.Download);
      return sendFile({ body, kind, name: fileName(kind, unit.code, vnDay()) });
    },
  });
const Schedule = v.object({ unit: v.pipe(v.string(), v.minLength(1), v.maxLength(64)), frequency: Report.Frequency });

export const reportRoutes = routes(
  direct('completions.csv', 'Báo cáo hoàn thành khoá học của đơn vị và các đơn vị trực thuộc (CSV, UTF-8 có BOM)'),
  direct('completions.xlsx', 'Báo cáo chi tiết (Excel): trang tổng hợp và một trang cho mỗi chỉ tiêu'),
  route({
    method: 'get',
    path: '/api/reports/summary.pdf',
    summary: 'Báo cáo tổng hợp cho lãnh đạo (PDF), theo số liệu hiện tại hoặc của một ngày đã qua',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ ...UnitQuery.entries, date: v.optional(Day) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit: scoped }) => {
      const unit = await unitOrRoot(scoped);
      const body = await Report.download({ actor: actorOf(c), kind: 'summary.pdf', unitId: unit.id, date: query.date });
      return sendFile({ body, kind: 'summary.pdf', name: fileName('summary.pdf', unit.code, query.date ?? vnDay()) });
    },
  }),
  direct('untrained.csv', 'Danh sách người trong diện chỉ tiêu chưa hoàn thành (CSV)'),
  direct('calls.xlsx', 'Danh sách cần nhắc (gọi điện) cho nơi không dùng e-mail: ai chưa hoàn thành, ở đơn vị nào, còn khoá nào, hạn nào (Excel)'),
  direct('calls.pdf', 'Danh sách cần nhắc (gọi điện) cho nơi không dùng e-mail, để in (PDF)'),
  route({
    method: 'get',
    path: '/api/reports/transcript.pdf',
    summary: 'Phiếu kết quả học tập của một người (PDF)',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ employeeCode: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) }),
    unit: async ({ query }) => {
      const person = await Person.get(personIdFor(query.employeeCode)).catch(() => null);
      // Unknown people are reported as outside the caller's scope: codes are not to be probed.
      if (!person) throw new VisibleError('auth.forbidden', 'Bạn không có quyền với người này.');
      return person.unitId;
    },
    handler: async (c, { query, unit }) =>
      sendFile({
        body: await Report.download({ actor: actorOf(c), kind: 'transcript.pdf', unitId: unit!.id, employeeCode: query.employeeCode }),
        kind: 'transcript.pdf',
        name: fileName('transcript.pdf', query.employeeCode),
      }),
  }),

  route({
    method: 'post',
    path: '/api/reports/archives',
    summary: 'Tạo (nền) một bản báo cáo được lưu cố định, kèm thời điểm và mã băm SHA-256; gửi lại cùng Idempotency-Key thì không tạo bản thứ hai',
    access: { roles: ['hr', 'admin'], scope: true },
    query: v.object({ ...UnitQuery.entries, kind: v.optional(Kind) }),
    unit: ({ query }) => query.unit,
    handler: async (c, { query, unit: scoped }) => {
      const unit = await unitOrRoot(scoped);
      const requestKey = c.req.header('idempotency-key')?.slice(0, 200);
      const archive = await Report.requestArchive(unit.id, actorOf(c).email, query.kind ?? 'completions.csv', { requestKey });
      if (!archive.existing) await Report.dispatchArchiveJob({ unitId: unit.id, id: archive.id });
      return c.json({ archive }, 202);
    },
  }),
  route({
    method: 'get',
    path: '/api/reports/archives',
    summary: 'Các bản báo cáo đã lưu của một đơn vị, mới nhất trước',
    access: { roles: ['hr', 'admin'], scope: true },
    query: UnitQuery,
    unit: ({ query }) => query.unit,
    handler: async (c, { unit: scoped }) => c.json({ archives: await Report.listArchives((await unitOrRoot(scoped)).id) }),
  }),
  route({
    method: 'get',
    path: '/api/reports/archives/:id',
    summary: 'Tải một bản báo cáo đã lưu (đúng như lúc tạo)',
    access: { roles: ['hr', 'admin'], scope: true },
    params: v.object({ id: v.pipe(v.string(), v.regex(/^[0-9TZ]+-[0-9a-f]{12}$/, 'mã báo cáo không hợp lệ')) }),
    query: UnitQuery,
    unit: ({ query }) => query.unit,
    handler: async (c, { params, unit: scoped }) => {
      const unit = await unitOrRoot(scoped);
      const { archive, body } = await Report.downloadArchive({ actor: actorOf(c), unitId: unit.id, id: params.id });
      const response = sendFile({
        body,
        kind: archive.kind,
        name: fileName(archive.kind, unit.code, archive.id),
      });
      response.headers.set('x-content-sha256', archive.sha256 ?? '');
      return response;
    },
  }),

  route({
    method: 'get',
    path: '/api/reports/schedules',
    summary: 'Lịch tạo bộ báo cáo định kỳ (hằng tháng, hằng quý) của các đơn vị trong phạm vi',
    access: { roles: ['hr', 'admin'], scope: true },
    query: UnitQuery,
    unit: ({ query }) => query.unit,
    handler: async (c, { unit }) => c.json({ schedules: await Report.schedules(unit) }),
  }),
  route({
    method: 'post',
    path: '/api/reports/schedules',
    summary: 'Đặt lịch tạo bộ báo cáo (CSV, Excel, PDF) hằng tháng hoặc hằng quý cho một đơn vị',
    access: { roles: ['hr', 'admin'], scope: true },
    body: Schedule,
    unit: ({ body }) => body.unit,
    handler: async (c, { body, unit }) => {
      const schedule = await Report.schedule({ unitId: unit!.id, frequency: body.frequency, actor: actorOf(c) });
      return c.json({ schedule }, 201);
    },
  }),
  route({
    method: 'post',
    path: '/api/reports/schedules/remove',
    summary: 'Bỏ một lịch tạo báo cáo định kỳ',
    access: { roles: ['hr', 'admin'], scope: true },
    body: Schedule,
    unit: ({ body }) => body.unit,
    handler: async (c, { body, unit }) => {
      await Report.unschedule({ unitId: unit!.id, frequency: body.frequency, actor: actorOf(c) });
      return c.body(null, 204);
    },
  }),
);
