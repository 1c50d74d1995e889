/// <reference path="../../.sst/platform/config.d.ts" />
import { site } from '../spec.ts';

/** The web app on S3 + CloudFront, with /api routed to the HTTP API on the same domain. */
export function createSite(api: sst.aws.ApiGatewayV2) {
  // Optional custom domain: DOMAIN_NAME (SST creates and validates the certificate when the
  // domain's DNS is in Route 53; otherwise see docs/deploy.md).
  const router = new sst.aws.Router('Router', process.env.DOMAIN_NAME ? { domain: process.env.DOMAIN_NAME } : {});
  router.route(site.apiPathPattern.replace(/\/\*$/, ''), api.url);
  const web = new sst.aws.StaticSite('Web', {
    path: 'packages/web',
    build: { command: 'npm run build', output: 'dist' },
    router: { instance: router },
  });
  return { router, web };
}
