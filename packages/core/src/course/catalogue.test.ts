import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { Course } from '@sansang/core';
import { db, keys, meterDynamo, tableName } from '@sansang/core/testing';
import { useFreshTable } from '../../../../test/support/db.ts';
import { bundle } from '../../../../test/support/fixtures.ts';
import { CATALOGUE_SECONDS } from './store.ts';

/*
 * Every course list reads the whole catalogue, one partition that grows with every tenant's
 * courses: a process keeps what it read for a minute, so a national 08:00 rush of sign-ins
 * does not read it once per learner (docs/scale.md).
 */
describe('the course catalogue', () => {
  let meter: ReturnType<typeof meterDynamo>;
  beforeAll(async () => {
    await useFreshTable();
    meter = meterDynamo();
    await Course.publish(bundle());
  });
  afterEach(() => vi.restoreAllMocks());

  it('is read once for many lists within a minute, and again after it', async () => {
    meter.take();
    for (let i = 0; i < 20; i++) expect((await Course.list()).map((c) => c.slug)).toEqual(['khoa-mau']);
    expect(meter.take().requests).toBe(1);
    const later = Date.now() + (CATALOGUE_SECONDS + 1) * 1000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    await Course.list();
    expect(meter.take().requests).toBe(1);
  });

  it('shows a course this process publishes at once', async () => {
    await Course.list();
    await Course.publish(bundle({ slug: 'khoa-hai', title: 'Khoá hai', hash: 'h2' }));
    expect((await Course.list()).map((c) => c.slug).sort()).toEqual(['khoa-hai', 'khoa-mau']);
  });

  it('shows one published by another process within a minute, not before', async () => {
    await Course.list();
    // Another process's publish: the catalogue entry written without this process knowing.
    const summary = { ...Course.summarize(bundle({ slug: 'khoa-ba', title: 'Khoá ba', hash: 'h3' })) };
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.catalogueEntry('khoa-ba'), type: 'catalogue', ...summary } }));
    expect((await Course.list()).map((c) => c.slug)).not.toContain('khoa-ba');
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + (CATALOGUE_SECONDS + 1) * 1000);
    expect((await Course.list()).map((c) => c.slug)).toContain('khoa-ba');
  });

  it('hands each caller its own list: sorting one does not reorder the next', async () => {
    const first = await Course.list();
    first.reverse();
    first.length = 0;
    expect((await Course.list()).length).toBeGreaterThan(0);
  });
});
