import { beforeAll, describe, expect, it } from 'vitest';
import { Audit, Certificate, Course, Org, Person, Progress } from '@sansang/core';
import { useFreshTable } from '../../../../test/support/db.ts';
import { bundle, smallProvince } from '../../../../test/support/fixtures.ts';
import { takeQuiz } from '../../../../test/support/quiz-answers.ts';
import { pdfText } from '../../../../test/support/pdf.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const quizOnly = bundle({ slug: 'chu-ky-so-nhanh', title: 'Chữ ký số và xác thực điện tử', hash: 'cks-1', completion: { lessons: 'none', quiz: 'pass' } });

describe('certificates', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(2);
    await Course.publish(quizOnly);
  });

  it('is refused until the course is completed, then has one stable code however often it is asked for', async () => {
    const learner = tree.people[0]!;
    await expect(Certificate.issue({ personId: learner.id, slug: quizOnly.slug })).rejects.toMatchObject({
      code: 'certificate.not_completed',
      kind: 'not_found',
    });
    await takeQuiz(learner.id, quizOnly.slug);
    const issued = await Promise.all([1, 2, 3].map(() => Certificate.issue({ personId: learner.id, slug: quizOnly.slug })));
    expect(new Set(issued.map((c) => c.code)).size).toBe(1);
    const cert = issued[0]!;
    expect(cert.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(cert).toMatchObject({ fullName: learner.fullName, unitName: (await Org.get(learner.unitId)).name, courseTitle: quizOnly.title, version: 1 });
    expect(await Certificate.verify(cert.code.toLowerCase().replace('-', ' '))).toMatchObject({ code: cert.code, fullName: learner.fullName });
    expect(await Certificate.verify('ABCDE-FGHJK')).toBeNull();
    expect(await Certificate.verify('không phải mã')).toBeNull();
  });

  it('renders a Vietnamese PDF with its font embedded, whose text reads back exactly', async () => {
    const learner = await Person.get(tree.people[0]!.id);
    const cert = await Certificate.issue({ personId: learner.id, slug: quizOnly.slug });
    const pdf = await Certificate.pdf(cert, { verifyUrl: `https://sansang.example.vn/verify/${cert.code}` });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/BeVietnamPro/);
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const expected of [
      'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'CHỨNG NHẬN HOÀN THÀNH KHOÁ HỌC',
      learner.fullName,
      cert.unitName,
      'Chữ ký số và xác thực điện tử',
      `Mã xác minh: ${cert.code}`,
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toBe(text.normalize('NFC'));
  });

  it('records its download in the audit log, with who took it, the course and the code', async () => {
    const learner = tree.people[0]!;
    const { certificate, pdf } = await Certificate.download({
      actor: { email: 'hocvien@test.vn' },
      personId: learner.id,
      slug: quizOnly.slug,
      verifyUrl: (code) => `https://sansang.example.vn/verify/${code}`,
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await pdfText(pdf)).replace(/\s+/g, ' ')).toContain(`sansang.example.vn/verify/${certificate.code}`);
    const around = { from: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10), to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) };
    expect(await Audit.list({ ...around, actor: 'hocvien@test.vn' })).toMatchObject([
      { action: 'certificate.download', detail: { course: quizOnly.slug, code: certificate.code } },
    ]);
  });

  it("is dated with the day of the completion in Vietnam, whatever the server's clock zone", async () => {
    const learner = tree.people[0]!;
    const { progress } = await Progress.courseFor(learner.id, quizOnly.slug);
    const cert = await Certificate.issue({ personId: learner.id, slug: quizOnly.slug });
    expect(cert.completedAt).toBe(progress.completedAt);
    const render = async (completedAt: string) =>
      (await pdfText(await Certificate.pdf({ ...cert, completedAt }, { verifyUrl: 'https://sansang.example.vn/verify/x' }))).replace(/\s+/g, ' ');
    // 00:30 on 1 July in Hà Nội is still 30 June in UTC: the certificate says 1 July.
    expect(await render('2025-06-30T17:30:00.000Z')).toContain('phiên bản 1, ngày 01/07/2025');
    expect(await render('2025-12-31T16:59:59.000Z')).toContain('ngày 31/12/2025');
  });
});
