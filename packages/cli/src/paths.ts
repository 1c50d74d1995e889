import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** The repository root, whatever directory the command was started from. */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const contentDir = resolve(repoRoot, 'content');
export const webDir = resolve(repoRoot, 'packages/web');
export const webDist = resolve(webDir, 'dist');
/** Where `npm start` keeps DynamoDB Local's files; SANSANG_DATA_DIR moves it (tests use a temp dir). */
export const dataDir = resolve(process.env.SANSANG_DATA_DIR ?? resolve(repoRoot, '.data'));
