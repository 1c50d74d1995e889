import { Exemption, Readiness, vnDay } from '@sansang/core';
import { configureDb } from '@sansang/core/admin';
import { compileContent, format, importAiken, importGift, readFrameworks } from '@sansang/content';
import { writeFile } from 'node:fs/promises';
import { writeBundles } from './content-build.ts';
import { coverageReport } from './content-coverage.ts';
import { citesReport, statsReport } from './content-report.ts';
import { table } from '../../../infra/spec.ts';
import { JavaMissingError } from './dynamodb-local.ts';
import { createAdmin, describeFailure, importRosterFile, importUnitsFile, relistOfficers } from './admin.ts';
import { orgCommand, reportCommand } from './org-commands.ts';
import { remindersCommand } from './reminders.ts';
import { terminalProgress } from './progress.ts';
import { contentDir } from './paths.ts';
import { start } from './start.ts';
import { publishContent } from './seed.ts';

const usage = `Cách dùng / usage: sansang <lệnh>
  start                 chạy toàn bộ hệ thống trên máy (DynamoDB Local + API + web), PORT mặc định 3000
  start --demo national [--scale 0.1]   như trên với dữ liệu mẫu toàn quốc (34 tỉnh, các bộ; mặc định 0.1 số người, 1 = đủ), lưu riêng ở .data/ddb-national
  content check [dir] [--fix] [--today NGÀY]   kiểm tra nội dung khoá học, báo lỗi dạng tệp:dòng:cột (--fix: chuẩn hoá NFC;
                        --today: so hiệu lực văn bản trong content/law với ngày khác hôm nay)
  content cites MÃ-VĂN-BẢN [dir]    liệt kê bài học, câu hỏi trích dẫn hoặc nhắc tới một văn bản trong content/law
  content stats [dir]   mỗi bài kiểm tra: số câu, số câu rút, tỉ lệ đáp án dài nhất, điểm của người chỉ chọn phương án dài nhất
  content coverage [dir]  năng lực của từng khung (IU01–IU06, Khung kỹ năng số cơ bản) có khoá học nào, năng lực nào chưa có
  content build [dir] [--out thư-mục]  biên dịch thành gói khoá học theo phiên bản (JSON), mặc định dist/content
  content publish [dir] xuất bản các khoá học (kèm hình, tệp đính kèm) và chỉ tiêu hợp lệ vào bảng TABLE_NAME
  import gift <tệp> [--out quiz.md]   chuyển ngân hàng câu hỏi Moodle GIFT sang Markdown
  import aiken <tệp> [--out quiz.md]  chuyển ngân hàng câu hỏi Moodle Aiken sang Markdown
  org import <tệp.csv|.xlsx> [--dry-run] [--effective 2025-07-01]
                        nhập cây tổ chức (cột: code, name, kind, level, parent_code): thêm, đổi tên, chuyển cấp trên
  org export [--root MÃ] [--out tệp.csv|.xlsx]   xuất cây tổ chức (nhập lại được)
  org create --code MÃ --name TÊN --kind LOẠI --parent MÃ [--level CẤP] [--effective NGÀY]   thành lập đơn vị
  org update MÃ [--name TÊN] [--code MÃ-MỚI] [--kind LOẠI] [--level CẤP] [--effective NGÀY]   đổi tên, loại, cấp
  org move MÃ --parent MÃ [--effective NGÀY]      chuyển đơn vị sang cấp trên khác
  org merge MÃ1,MÃ2 (--into MÃ | --new-code MÃ --new-name TÊN --new-kind LOẠI --parent MÃ) [--effective NGÀY]
  org dissolve MÃ [--effective NGÀY]              giải thể đơn vị đã trống
  readiness [--unit MÃ] [--date NGÀY]             mức độ sẵn sàng theo từng chỉ tiêu và đơn vị trực thuộc
  report csv|xlsx|pdf [--unit MÃ] --out TỆP      báo cáo hoàn thành (CSV, Excel) hoặc tổng hợp (PDF)
  report transcript --employee-code MÃ --out TỆP  phiếu kết quả học tập của một người (PDF)
  report schedule [--unit MÃ] --frequency monthly|quarterly   đặt lịch bộ báo cáo định kỳ
  report run-schedules                            tạo ngay các bộ báo cáo đã đến hạn
  target recount ID [--validity]                  tính lại ai đạt chỉ tiêu sau khi đổi chương trình; --validity: đặt lại ngày hết hiệu lực sau khi đổi thời hạn
  reminders plan [--unit MÃ] [--date NGÀY]        thư nhắc việc đến hạn trong ngày: ai nhận, việc gì (không gửi)
  reminders run [--unit MÃ] [--date NGÀY]         gửi thư nhắc việc đến hạn, mỗi thư đúng một lần (chạy lại không gửi trùng)
  reminders digest                                gửi báo cáo tuần này cho cán bộ tổ chức, thủ trưởng đơn vị (mỗi người một lần một tuần)
  daily [--date NGÀY]                             việc hằng ngày: bắt đầu, kết thúc miễn trừ; chuyển các hoàn thành sắp hết hoặc đã hết hiệu lực
  roster import <tệp.csv|.xlsx> [--dry-run] [--accept-valid] [--effective 2026-01-01]
                        nhập danh sách cán bộ (cột: employee_code, full_name, email, unit_code, category, position, status)
  admin create --email <email> --employee-code <mã>   tạo tài khoản quản trị đầu tiên, in mật khẩu tạm
  rebuild [--write]     tính lại bộ đếm mức độ sẵn sàng từ dữ liệu gốc và so sánh; kiểm tra danh sách cán bộ tổ chức nhận báo cáo tuần
                        (--write: sửa; cần DYNAMODB_ENDPOINT, TABLE_NAME)`;

async function main(args: string[]): Promise<number> {
  const [command, sub, ...rest] = args;
  if (command === 'start') {
    const after = (name: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : undefined);
    const demo = after('demo') ?? 'province';
    // A tenth of the country by default: the whole one is 650,000 items, more than half an hour into DynamoDB Local.
    const scale = Number(after('scale') ?? (demo === 'national' ? 0.1 : 1));
    if ((demo !== 'province' && demo !== 'national') || !(scale > 0 && scale <= 1)) {
      console.error('--demo phải là province hoặc national; --scale là một số trong (0, 1].');
      return 2;
    }
    await start({ port: Number(process.env.PORT ?? 3000), demo, scale });
    return -1;
  }
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const valued = new Set([
    '--out',
    '--effective',
    '--root',
    '--unit',
    '--email',
    '--employee-code',
    '--code',
    '--name',
    '--kind',
    '--level',
    '--parent',
    '--into',
    '--new-code',
    '--new-name',
    '--new-kind',
    '--date',
    '--target',
    '--frequency',
    '--today',
  ]);
  const positional = rest.filter((a, i) => !a.startsWith('--') && !valued.has(rest[i - 1] ?? ''));
  if (command === 'content' && (sub === 'check' || sub === 'build')) {
    const dir = positional[0] ?? contentDir;
    const { courses, diagnostics } = await compileContent(dir, { fix: args.includes('--fix'), today: option('today') });
    for (const d of diagnostics) console.log(format(d));
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    console.log(`${courses.length} khoá học hợp lệ, ${errors} lỗi, ${diagnostics.length - errors} cảnh báo.`);
    if (sub === 'build' && errors === 0)
      console.log(`Đã ghi ${await writeBundles(courses, dir, option('out') ?? 'dist/content')} tệp vào ${option('out') ?? 'dist/content'}.`);
    return errors > 0 ? 1 : 0;
  }
  if (command === 'content' && sub === 'stats') {
    console.log(statsReport(await compileContent(positional[0] ?? contentDir)));
    return 0;
  }
  if (command === 'content' && sub === 'coverage') {
    const dir = positional[0] ?? contentDir;
    console.log(coverageReport(await readFrameworks(dir), await compileContent(dir)));
    return 0;
  }
  if (command === 'content' && sub === 'cites' && positional[0]) {
    const dir = positional[1] ?? contentDir;
    const report = await citesReport(dir, await compileContent(dir), positional[0]);
    console.log(report ?? `Không có văn bản "${positional[0]}" trong sổ văn bản (${dir}/law).`);
    return report === null ? 1 : 0;
  }
  if (command === 'import' && (sub === 'gift' || sub === 'aiken') && positional[0]) {
    const result = await (sub === 'gift' ? importGift : importAiken)(positional[0]);
    for (const d of result.diagnostics) console.error(format(d));
    const out = option('out');
    if (out)
      await writeFile(out, result.markdown, { flag: 'wx' }).catch((err) => {
        throw err.code === 'EEXIST' ? new Error(`Tệp ${out} đã có; hãy chọn tên khác để không ghi đè.`) : err;
      });
    else process.stdout.write(result.markdown);
    console.error(`Đã chuyển ${result.imported} câu hỏi; ${result.diagnostics.length} câu/đoạn không chuyển được (xem các dòng lỗi ở trên).`);
    return result.diagnostics.length > 0 ? 1 : 0;
  }
  if (command === 'content' && sub === 'publish') {
    configureDb({ tableName: process.env.TABLE_NAME ?? table.name });
    const outcome = await publishContent(rest[0] ?? contentDir);
    for (const line of outcome.errors) console.log(line);
    console.log(
      `Đã xuất bản: ${outcome.published.join(', ') || 'không có'}; không đổi: ${outcome.unchanged.join(', ') || 'không có'}; ${outcome.targets.length} chỉ tiêu.`,
    );
    for (const line of outcome.rejected) console.log(`Bị từ chối: ${line}`);
    return outcome.errors.length + outcome.rejected.length > 0 ? 1 : 0;
  }
  if ((command === 'org' || command === 'roster') && sub === 'import' && positional[0]) {
    configureDb({ tableName: process.env.TABLE_NAME ?? table.name });
    const dryRun = args.includes('--dry-run');
    const effective = option('effective');
    console.log(
      command === 'org'
        ? await importUnitsFile(positional[0], { dryRun, effective })
        : await importRosterFile(positional[0], { dryRun, effective, acceptValid: args.includes('--accept-valid'), progress: terminalProgress }),
    );
    return 0;
  }
  if (command === 'org' || command === 'readiness' || command === 'report') {
    configureDb({ tableName: process.env.TABLE_NAME ?? table.name });
    const said = command === 'org' ? await orgCommand(sub, positional, option) : await reportCommand(command, sub, option);
    if (said !== null) {
      console.log(said);
      return 0;
    }
  }
  if (command === 'reminders') {
    configureDb({ tableName: process.env.TABLE_NAME ?? table.name });
    const said = await remindersCommand(sub, option);
    if (said !== null) {
      console.log(said);
      return 0;
    }
  }
  if (command === 'target' && sub === 'recount' && positional[0]) {
    configureDb({ tableName: process.env.TABLE_NAME ?? table.name });
    const { marked, unmarked, revalidated } = await Readiness.retrain(positional[0], { validity: args.includes('--validity') });
    console.log(
      `Chỉ tiêu ${positional[0]}: ${marked} người mới đạt, ${unmarked} người không còn đạt theo chương trình hiện tại${args.includes('--validity') ? `, ${revalidated} người được đặt lại ngày hết hiệu lực` : ''}.`,
    );
    return 0;
  }
  if (command === 'daily') {
    configureDb({ tableName: process.env.TABLE_NAME ?? table.name });
    // What the deployed daily job does first, for a day (today by default): each part O(what is due that day).
    const day = option('date') ?? vnDay();
    const { people: exempt } = await Exemption.runDue(day);
    const { people: lapsed } = await Readiness.runLapses(day);
    console.log(`Ngày ${day}: ${exempt} người bắt đầu hoặc hết miễn trừ; ${lapsed} người có hoàn thành chuyển sang sắp hết hoặc đã hết hiệu lực.`);
    return 0;
  }
  if (command === 'admin' && sub === 'create' && option('email') && option('employee-code')) {
    configureDb({ tableName: process.env.TABLE_NAME ?? table.name });
    console.log(await createAdmin({ email: option('email')!, employeeCode: option('employee-code')!, unitId: option('unit') }));
    return 0;
  }
  if (command === 'rebuild') {
    configureDb({ tableName: process.env.TABLE_NAME ?? table.name });
    const write = args.includes('--write');
    const result = await Readiness.rebuild({ write });
    console.log(`${result.units} đơn vị, ${result.records} bản ghi gốc, ${result.mismatches.length} chỗ lệch${write ? ' (đã sửa)' : ''}.`);
    for (const m of result.mismatches.slice(0, 50))
      console.log(`  ${m.unitId} ${m.scope}${m.item ? ` ${m.item}` : ''} ${m.counter}: ${m.actual} → ${m.expected}`);
    // Accounts from before the officers' listing: their HR grants reach no digest until listed.
    const officers = await relistOfficers({ write });
    console.log(officers.text);
    return (result.mismatches.length > 0 || officers.wrong > 0) && !write ? 1 : 0;
  }
  console.log(usage);
  return command ? 2 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(err instanceof JavaMissingError ? err.message : (describeFailure(err) ?? err));
    process.exit(1);
  },
);
