/// <reference path="./.sst/platform/config.d.ts" />

/**
 * `npx sst deploy --stage <name>`: the same deployment as infra/cdk, built from infra/spec.ts.
 * Offline, run SST with SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1 SST_TELEMETRY_DISABLED=1.
 */
export default $config({
  app(input) {
    return {
      name: 'sansang',
      home: 'aws',
      removal: input?.stage === 'prod' ? 'retain' : 'remove',
      protect: input?.stage === 'prod',
    };
  },
  async run() {
    const { createTable } = await import('./infra/sst/table.ts');
    const { createApi } = await import('./infra/sst/api.ts');
    const { createSite } = await import('./infra/sst/site.ts');
    const { createJobs, createReminderRuns, createRollupSweep } = await import('./infra/sst/jobs.ts');
    const { createAlarms } = await import('./infra/sst/alarms.ts');
    const { createReports } = await import('./infra/sst/reports.ts');
    const { createEmail } = await import('./infra/sst/email.ts');
    const table = createTable($app.stage);
    // `npx sst secret set SessionSecrets <new>,<old> --stage <name>`: see docs/deploy.md.
    const sessionSecrets = new sst.Secret('SessionSecrets');
    const reports = createReports(table, sessionSecrets);
    // SES_SENDER: the domain (or address) reminders are sent from; see docs/deploy.md.
    const email = createEmail(table);
    const api = createApi(table, sessionSecrets, reports, email);
    const { router } = createSite(api);
    createJobs(table, sessionSecrets, reports, email, router.url);
    createReminderRuns(table, sessionSecrets, email, router.url);
    createRollupSweep(table, sessionSecrets);
    createAlarms(api, table);
    return { url: router.url, table: table.name };
  },
});
