import { App } from 'aws-cdk-lib';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleFunction } from '../bundle.ts';
import { deployerEnvironment, email, functions, site, type FunctionName } from '../spec.ts';
import { SanSangStack } from './stack.ts';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const stage = process.env.STAGE ?? 'dev';

for (const name of Object.keys(functions) as FunctionName[]) {
  if (!existsSync(resolve(root, functions[name].bundleDir, 'index.mjs'))) await bundleFunction(name);
}
if (!existsSync(resolve(root, site.dir))) console.warn(`! ${site.dir} is missing: the site files are left out (run \`npm run build\`).`);

const app = new App({ outdir: resolve(root, 'cdk.out') });
new SanSangStack(app, `sansang-${stage}`, {
  stage,
  root,
  apiEnvironment: deployerEnvironment(process.env),
  emailSender: process.env[email.senderFromDeployer],
  domain: process.env.DOMAIN_NAME && process.env.CERTIFICATE_ARN ? { name: process.env.DOMAIN_NAME, certificateArn: process.env.CERTIFICATE_ARN } : undefined,
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-1' },
});
const assembly = app.synth();
console.log(`Synthesized ${assembly.stacks.map((s) => s.templateFullPath).join(', ')}`);
