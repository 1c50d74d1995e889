import { Account, Course, Org, Person, Readiness, Target, personIdFor } from '@sansang/core';
import { putMany } from '@sansang/core/testing';

/** A course bundle as packages/content would compile it, small enough to read in a test. */
export function bundle(overrides: Partial<Course.Bundle> = {}): Course.Bundle {
  return {
    slug: 'khoa-mau',
    version: 1,
    title: 'Khoá mẫu',
    summary: 'Khoá học dùng trong kiểm thử.',
    level: 'co-ban',
    estimatedMinutes: 10,
    audience: [],
    tags: ['IU01'],
    prerequisites: [],
    references: [],
    completion: { lessons: 'all', quiz: 'pass' },
    introHtml: '<p>Giới thiệu</p>',
    lessons: [
      { id: 'bai-mot', title: 'Bài một', html: '<p>Một</p>' },
      { id: 'bai-hai', title: 'Bài hai', html: '<p>Hai</p>' },
    ],
    placement: false,
    media: [],
    unitId: null,
    quiz: {
      title: 'Kiểm tra',
      passMark: 50,
      timeLimitMinutes: null,
      attempts: null,
      attemptsPerDay: 3,
      waitAfterFailures: { failures: 3, hours: 24 },
      draw: [],
      shuffle: false,
      explanations: 'after-submit',
      questions: [
        {
          id: 'q1',
          type: 'single',
          promptHtml: '<p>Một cộng một?</p>',
          explanationHtml: '<p>Bằng hai.</p>',
          tags: [],
          difficulty: 'easy',
          options: [
            { id: 'a', html: '1', correct: false },
            { id: 'b', html: '2', correct: true },
          ],
        },
        {
          id: 'q2',
          type: 'multiple',
          promptHtml: '<p>Số chẵn?</p>',
          explanationHtml: null,
          tags: [],
          difficulty: 'medium',
          options: [
            { id: 'a', html: '2', correct: true },
            { id: 'b', html: '3', correct: false },
            { id: 'c', html: '4', correct: true },
          ],
        },
      ],
    },
    hash: 'h1',
    ...overrides,
  };
}

export const allRight = { q1: ['b'], q2: ['a', 'c'] };

/** An ordering and a matching question (ids as given), for quizzes that must show every kind. */
export function orderAndPairs(orderId: string, pairsId: string): Course.Question[] {
  return [
    {
      id: orderId,
      type: 'ordering',
      promptHtml: '<p>Sắp xếp các bước ký số một văn bản.</p>',
      explanationHtml: null,
      tags: [],
      difficulty: 'medium',
      items: [
        { id: 'm1', html: 'Mở văn bản' },
        { id: 'm2', html: 'Cắm chữ ký số' },
        { id: 'm3', html: 'Ký và gửi' },
      ],
    },
    {
      id: pairsId,
      type: 'matching',
      promptHtml: '<p>Ghép mỗi việc với phần mềm.</p>',
      explanationHtml: null,
      tags: [],
      difficulty: 'medium',
      pairs: [
        { id: 'l1', rightId: 'r7', leftHtml: 'Soạn văn bản', rightHtml: 'Trình soạn thảo' },
        { id: 'l2', rightId: 'r3', leftHtml: 'Lập bảng lương', rightHtml: 'Bảng tính' },
      ],
    },
  ];
}

export const target: Target.Info = {
  id: 'muc-tieu',
  title: 'Tất cả hoàn thành khoá mẫu',
  programme: ['khoa-mau'],
  categories: ['can-bo', 'cong-chuc', 'vien-chuc'],
  percent: 100,
  deadline: '2026-12-31',
};

/**
 * province
 * ├── agency (sở)      ── dept-1, dept-2 (phòng)
 * └── commune (xã)
 * with `perUnit` people in each leaf and in the agency itself.
 */
export async function smallProvince(perUnit = 4) {
  const unit = (id: string, kind: Org.Kind, parent: Org.Info | null): Org.Info => Org.make({ id, code: id.toUpperCase(), name: `Đơn vị ${id}`, kind }, parent);
  const province = unit('tinh', 'province', null);
  const agency = unit('so', 'agency', province);
  const dept1 = unit('phong-1', 'department', agency);
  const dept2 = unit('phong-2', 'department', agency);
  const commune = unit('xa', 'commune', province);
  const units = [province, agency, dept1, dept2, commune];
  const people: Person.Info[] = [];
  for (const u of [agency, dept1, dept2, commune]) {
    for (let i = 0; i < perUnit; i++) {
      people.push({
        id: personIdFor(`NV-${u.id}-${i}`),
        employeeCode: `NV-${u.id}-${i}`,
        fullName: `Nguyễn Văn ${u.id} ${i}`,
        email: null,
        unitId: u.id,
        category: Person.categories[i % 3]!,
        position: 'Chuyên viên',
        status: 'active',
      });
    }
  }
  await putMany([...units.map(Org.toItem), ...people.map(Person.toItem)]);
  await Course.publish(bundle());
  await Target.put(target);
  await Readiness.rebuild({ write: true });
  return { province, agency, dept1, dept2, commune, units, people };
}

export async function account(email: string, personId: string, grants: Account.Grant[] = []) {
  await Account.create({ email, personId, grants, password: 'mat-khau-dung' });
}

/**
 * Targets at three levels over two provinces: the installation's (national), province A's
 * stricter one and a department's own, each applying at its owner and below.
 *
 *   quoc-gia ── tinh-a ── so-a ── phong-a
 *            └─ tinh-b ── xa-b
 */
export function threeLevels() {
  const unit = (id: string, kind: Org.Kind, parent: Org.Info | null, level?: Org.Level) =>
    Org.make({ id, code: id.toUpperCase(), name: `Đơn vị ${id}`, kind, ...(level ? { level } : {}) }, parent);
  const nation = unit('quoc-gia', 'other', null, 'trung-uong');
  const provinceA = unit('tinh-a', 'province', nation);
  const agencyA = unit('so-a', 'agency', provinceA);
  const deptA = unit('phong-a', 'department', agencyA);
  const provinceB = unit('tinh-b', 'province', nation);
  const communeB = unit('xa-b', 'commune', provinceB);
  const everyone = { programme: ['khoa-mau'], categories: ['can-bo', 'cong-chuc', 'vien-chuc'] as Person.Category[], percent: 100 };
  const national: Target.Info = { id: 'toan-quoc', title: 'Toàn quốc hoàn thành khoá mẫu', ...everyone, deadline: '2026-12-31' };
  const provincial: Target.Info = { id: 'tinh-a-som', title: 'Tỉnh A hoàn thành sớm hơn', ...everyone, deadline: '2026-10-31', unitId: provinceA.id };
  const departmental: Target.Info = {
    id: 'phong-a-rieng',
    title: 'Phòng A: chỉ tiêu riêng',
    ...everyone,
    percent: 90,
    deadline: '2026-12-15',
    unitId: deptA.id,
  };
  return {
    nation,
    provinceA,
    agencyA,
    deptA,
    provinceB,
    communeB,
    units: [nation, provinceA, agencyA, deptA, provinceB, communeB],
    national,
    provincial,
    departmental,
  };
}
