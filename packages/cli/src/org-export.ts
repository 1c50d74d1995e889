import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Org, Report, exportUnits, unitIdFor } from '@sansang/core';

/** Writes the live tree (or the subtree of `rootCode`) as CSV or XLSX, in the columns `org import` reads. */
export async function exportUnitsFile(out: string, rootCode?: string): Promise<string> {
  const root = rootCode ? await Org.get(unitIdFor(rootCode)) : (await Org.children(null))[0];
  if (!root) return 'Chưa có đơn vị nào.';
  let count = 0;
  const rows = (async function* () {
    for await (const u of exportUnits(root.id)) {
      count++;
      yield [u.code, u.name, u.kind, u.level, u.parent_code];
    }
  })();
  const body = out.endsWith('.xlsx') ? Report.treeXlsx(rows) : Report.treeCsv(rows);
  await pipeline(body, createWriteStream(out, { flags: 'wx' }));
  return `Đã xuất ${count} đơn vị vào ${out}.`;
}
