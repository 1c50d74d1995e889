/**
 * This site's own origin as the browser sees it. Behind CloudFront the Lambda is reached on
 * API Gateway's host, so the viewer's host arrives in X-Forwarded-Host (set at the edge by
 * SST's Router, and by the CloudFront Function of the CDK stack) and its scheme in
 * X-Forwarded-Proto (API Gateway's, always https there).
 */
export function siteOrigin(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || url.host;
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(/:$/, '');
  return `${proto}://${host}`;
}
