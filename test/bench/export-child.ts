// One export measured alone in its own process, so its peak memory is its own: the first
// `rows` rows of the completion report of the province, as CSV or XLSX, to /dev/null.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Report } from '@sansang/core';
import { csvTable, xlsxTable } from '@sansang/core/testing';

const [format, rowsArg, rootId] = process.argv.slice(2) as ['csv' | 'xlsx', string, string];
const limit = Number(rowsArg);
let heapPeak = 0;
const sampler = setInterval(() => {
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
}, 10);
let rows = 0;
async function* firstRows() {
  for await (const row of Report.completionRows(rootId)) {
    if (rows++ >= limit) return;
    yield row;
  }
}
const started = performance.now();
const body =
  format === 'csv'
    ? csvTable(Report.completionColumns, firstRows())
    : xlsxTable(
        'Hoàn thành',
        Report.completionColumns.map((header) => ({ header })),
        firstRows(),
      );
await pipeline(body, createWriteStream('/dev/null'));
const ms = performance.now() - started;
clearInterval(sampler);
console.log(JSON.stringify({ rows: Math.min(rows, limit), ms, maxRssMb: process.resourceUsage().maxRSS / 1024, heapPeakMb: heapPeak / 1048576 }));
