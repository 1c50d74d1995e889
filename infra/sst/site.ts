/// <reference path="../../.sst/platform/config.d.ts" />
import { site } from '../spec.ts';

/** The web app on S3 + CloudFront, with /api routed to the HTTP API on the same domain. */
export function createSite(api: sst.aws.ApiGatewayV2) {
  const router = new sst.aws.Router('Router');
  router.route(site.apiPathPattern.replace(/\/\*$/, ''), api.url);
  const web = new sst.aws.StaticSite('Web', {
    path: 'packages/web',
    build: { command: 'npm run build', output: 'dist' },
    router: { instance: router },
  });
  return { router, web };
}
