import { beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { Audit, Certificate, Course, Org, Person, Progress, Target, vnDay } from '@sansang/core';
import { db, keys, tableName } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { bundle, smallProvince, target } from '../../../../test/support/fixtures.ts';
import { takeQuiz } from '../../../../test/support/quiz-answers.ts';
import { pdfImages, pdfText } from '../../../../test/support/pdf.ts';
import jsQR from 'jsqr';

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

  it('prints the issuing body at its head, a dated signature block and a QR code that reads as its verification address', async () => {
    const cert = await Certificate.issue({ personId: tree.people[0]!.id, slug: quizOnly.slug });
    expect(cert.issuer).toMatchObject({ name: 'SỞ NỘI VỤ', parent: 'UBND TỈNH MINH SƠN' });
    const verifyUrl = `https://sansang.example.vn/verify/${cert.code}`;
    // 00:30 on 2 July in Hà Nội is still 1 July in UTC: the signature is dated 2 July.
    const pdf = await Certificate.pdf({ ...cert, issuedAt: '2025-07-01T17:30:00.000Z' }, { verifyUrl });
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    for (const expected of ['UBND TỈNH MINH SƠN SỞ NỘI VỤ', 'Minh Sơn, ngày 02 tháng 07 năm 2025 GIÁM ĐỐC Nguyễn Thị Minh Hằng', verifyUrl]) {
      expect(text).toContain(expected);
    }
    const images = await pdfImages(pdf);
    expect(images).toHaveLength(1);
    const { width, height, rgba } = images[0]!;
    expect(jsQR(rgba, width, height)?.data).toBe(verifyUrl);
  });

  it('keeps the issuer a certificate was issued under when the installation settings change, and lets them name a new one', async () => {
    const learner = tree.people[1]!;
    await takeQuiz(learner.id, quizOnly.slug);
    const settings = {
      ISSUER_PARENT: 'BỘ NỘI VỤ',
      ISSUER_NAME: 'TRƯỜNG BỒI DƯỠNG CÁN BỘ',
      ISSUER_PLACE: 'Hà Nội',
      ISSUER_SIGNER_TITLE: 'KT. HIỆU TRƯỞNG\\nPHÓ HIỆU TRƯỞNG',
      ISSUER_SIGNER_NAME: 'Lê Văn Tâm',
    };
    Object.assign(process.env, settings);
    try {
      const cert = await Certificate.issue({ personId: learner.id, slug: quizOnly.slug });
      expect(cert.issuer).toEqual({
        parent: 'BỘ NỘI VỤ',
        name: 'TRƯỜNG BỒI DƯỠNG CÁN BỘ',
        place: 'Hà Nội',
        signerTitle: 'KT. HIỆU TRƯỞNG\nPHÓ HIỆU TRƯỞNG',
        signerName: 'Lê Văn Tâm',
      });
      const text = (await pdfText(await Certificate.pdf(cert, { verifyUrl: 'https://sansang.example.vn/verify/x' }))).replace(/\s+/g, ' ');
      expect(text).toContain('BỘ NỘI VỤ TRƯỜNG BỒI DƯỠNG CÁN BỘ');
      expect(text).toMatch(/Hà Nội, ngày \d\d tháng \d\d năm \d{4} KT. HIỆU TRƯỞNG PHÓ HIỆU TRƯỞNG Lê Văn Tâm/);
      // The first learner's certificate was issued under the demo settings and stays so.
      const earlier = await Certificate.issue({ personId: tree.people[0]!.id, slug: quizOnly.slug });
      expect(Certificate.issuer(earlier).name).toBe('SỞ NỘI VỤ');
      // One issued before issuers were recorded prints today's.
      expect(Certificate.issuer({ ...earlier, issuer: undefined }).name).toBe('TRƯỜNG BỒI DƯỠNG CÁN BỘ');
    } finally {
      for (const name of Object.keys(settings)) delete process.env[name];
    }
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

  it('says until when it counts for a course whose completions lapse, and a retake earns a new one while the old still verifies', async () => {
    const yearly: Target.Info = { ...target, id: 'hang-nam', programme: [quizOnly.slug], validity: { months: 12 }, renewalDays: 30 };
    await Target.put(yearly);
    try {
      const learner = tree.people[1]!;
      await takeQuiz(learner.id, quizOnly.slug);
      const first = await Certificate.issue({ personId: learner.id, slug: quizOnly.slug });
      const until = Target.validUntil(yearly, vnDay(new Date(first.completedAt)))!;
      expect(first.validUntil).toBe(until);
      const text = (await pdfText(await Certificate.pdf(first, { verifyUrl: 'https://sansang.example.vn/verify/x' }))).replace(/\s+/g, ' ');
      expect(text).toContain(`Có giá trị đến hết ngày ${until.split('-').reverse().join('/')}`);

      await takeQuiz(learner.id, quizOnly.slug);
      const second = await Certificate.issue({ personId: learner.id, slug: quizOnly.slug });
      expect(second.code).not.toBe(first.code);
      expect(second.completedAt > first.completedAt).toBe(true);
      expect(await Certificate.verify(first.code)).toMatchObject({ code: first.code, validUntil: until });
    } finally {
      await Target.put(target);
      await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.target(yearly.id) }));
    }
  });
});
