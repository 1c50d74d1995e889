import { beforeAll, describe, expect, it } from 'vitest';
import { Person, Readiness } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { smallProvince, target } from '../../../../test/support/fixtures.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const inCommune = (category: Person.Category) => tree.people.find((p) => p.unitId === tree.commune.id && p.category === category)!;

describe('the still-to-train list', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
  });

  it('gives each person their due date, says who is overdue on the day asked, and lists the earliest due first', async () => {
    // The target: 31 Dec 2026, 60 days' grace. 1 Dec + 60 = 30 Jan; 15 Nov + 60 = 14 Jan;
    // someone who started in 2025 owes the deadline like everyone without a start date.
    const december = { ...inCommune('can-bo'), startDate: '2026-12-01' };
    const november = { ...inCommune('cong-chuc'), startDate: '2026-11-15' };
    const veteran = { ...inCommune('vien-chuc'), startDate: '2025-01-01' };
    await putMany([december, november, veteran].map(Person.toItem));
    const trained = tree.people.find((p) => p.unitId === tree.agency.id)!;
    await Readiness.recordCompletion({ person: trained, slug: target.programme[0]!, version: 1 });

    const { people, more } = await Readiness.untrained({ unitId: tree.province.id, today: '2027-01-20' });
    expect(more).toBe(false);
    expect(people.map((p) => p.id).sort()).toEqual(
      tree.people
        .filter((p) => p.id !== trained.id)
        .map((p) => p.id)
        .sort(),
    );
    expect(people.map((p) => p.dueDate)).toEqual([...Array(9).fill('2026-12-31'), '2027-01-14', '2027-01-30']);
    expect(people.map((p) => p.overdue)).toEqual([...Array(10).fill(true), false]);
    expect(people.slice(-2).map((p) => p.id)).toEqual([november.id, december.id]);
    expect(people.find((p) => p.id === veteran.id)).toMatchObject({ dueDate: '2026-12-31', overdue: true, unitName: tree.commune.name });

    // On the deadline itself nobody is overdue yet.
    const onTheDay = await Readiness.untrained({ unitId: tree.province.id, today: '2026-12-31' });
    expect(onTheDay.people.some((p) => p.overdue)).toBe(false);
  });
});
