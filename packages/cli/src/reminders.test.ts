import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Person, Reminder } from '@sansang/core';
import { putMany } from '@sansang/core/testing';
import { useFreshTable } from '../../../test/support/db.ts';
import { useSesLocal, type SesLocal } from '../../../test/support/ses.ts';
import { account, smallProvince, target } from '../../../test/support/fixtures.ts';
import { repoRoot } from './paths.ts';

describe('sansang reminders', () => {
  let ses: SesLocal;
  let tableName: string;
  let tree: Awaited<ReturnType<typeof smallProvince>>;
  // Asynchronously: the emulator answers from this very process, which a synchronous child would block.
  const cli = async (...args: string[]) =>
    (
      await promisify(execFile)(process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'reminders', ...args], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, DYNAMODB_ENDPOINT: inject('ddbEndpoint'), TABLE_NAME: tableName, SES_ENDPOINT: ses.endpoint },
      })
    ).stdout;

  beforeAll(async () => {
    tableName = await useFreshTable();
    ses = await useSesLocal();
    tree = await smallProvince(1);
    // The commune's one person has an address; the others get the in-app notice alone.
    await putMany(tree.people.filter((p) => p.unitId === tree.commune.id).map((p) => Person.toItem({ ...p, email: 'xa@sansang.test' })));
  });
  afterAll(() => ses.stop());

  it('prints who gets what on a day, in Vietnamese, and sends nothing', async () => {
    const plan = await cli('plan', '--date', '2026-12-24');
    expect(plan).toContain('Ngày 24/12/2026: 4 thư nhắc việc.');
    expect(plan).toContain(`${target.title} — còn 7 ngày, hạn 31/12/2026`);
    expect(plan).toContain('(không có email: chỉ thông báo)');
    expect(await cli('plan', '--unit', tree.commune.code, '--date', '2026-12-24')).toContain('Ngày 24/12/2026: 1 thư nhắc việc.');
    expect(await cli('plan', '--date', '2026-12-25')).toContain('Ngày 25/12/2026: không có thư nhắc việc nào đến hạn.');
    expect(await ses.emails()).toEqual([]);
  });

  it('sends a unit’s messages once, however often it is run', async () => {
    const first = await cli('run', '--unit', tree.commune.code, '--date', '2026-12-24');
    // The quiet hours are read from the clock, which a test cannot move in another process.
    if (Reminder.isQuietHour(new Date())) {
      expect(first).toContain('giờ yên lặng');
      expect(await ses.emails()).toEqual([]);
      return;
    }
    expect(first).toMatch(/đã gửi: +1\n/);
    expect(await cli('run', '--unit', tree.commune.code, '--date', '2026-12-24')).toMatch(/đã gửi: +0\n.*\n +đã gửi từ trước: +1/);
    expect((await ses.emails()).map((e) => e.destination.to[0])).toEqual(['xa@sansang.test']);
  });

  it('sends the week’s digest to each HR officer once, however often it is run', async () => {
    await account('nhansu.tinh@sansang.test', tree.people.find((p) => p.unitId === tree.agency.id)!.id, [{ role: 'hr', unitId: tree.province.id }]);
    const first = await cli('digest');
    if (Reminder.isQuietHour(new Date())) {
      expect(first).toContain('giờ yên lặng');
      return;
    }
    expect(first).toMatch(/: 1 người nhận báo cáo tuần/);
    expect(first).toMatch(/đã gửi: +1\n/);
    expect(await cli('digest')).toMatch(/đã gửi: +0\n.*\n +đã gửi từ trước: +1/);
    expect((await ses.emails()).filter((e) => e.destination.to[0] === 'nhansu.tinh@sansang.test')).toHaveLength(1);
  });
});
