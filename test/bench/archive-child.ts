// One archive job run alone in its own process, so its peak memory is its own: what the reports
// Lambda does when the API or the daily job invokes it (jobs.ts `report`), for an archive the
// parent requested, streamed into the object store the environment names.
import { report } from '@sansang/api/jobs';

const [unitId, id] = process.argv.slice(2) as [string, string];
let heapPeak = 0;
const sampler = setInterval(() => {
  heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
}, 10);
const started = performance.now();
const done = await report({ unitId, id });
const ms = performance.now() - started;
clearInterval(sampler);
// The job logs a line of its own first; the parent reads the last.
console.log(JSON.stringify({ status: done.status, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, heapPeakMb: heapPeak / 1048576 }));
