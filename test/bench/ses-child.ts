// The SES emulator in a process of its own, for the reminder benchmark: its store keeps every
// message in memory, which would otherwise count in the heap the benchmark measures.
import { startSesLocal } from '@sansang/cli/ses-local';

const ses = await startSesLocal();
console.log(ses.endpoint);
process.on('SIGTERM', () => void ses.stop().then(() => process.exit(0)));
