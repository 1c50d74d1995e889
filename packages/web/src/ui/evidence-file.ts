/**
 * A scan that proves something (an exemption's decision, an equivalent certificate), read in
 * the browser: the API takes it as base64 inside the JSON body.
 */
import { formatNumber, t } from '../i18n/index.ts';
import { FormError } from './error-box.tsx';

/** The largest evidence file the server takes; a bigger one is refused before it is read and sent. */
export const MAX_EVIDENCE_BYTES = 5 * 1024 * 1024;

/** What the file pickers offer: the types the server accepts (it checks the bytes, not this). */
export const EVIDENCE_ACCEPT = 'application/pdf,.pdf,image/png,image/jpeg,image/webp';

/** A file's bytes as base64. */
export async function base64Of(file: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });
  return url.slice(url.indexOf(',') + 1);
}

/** The evidence as the API takes it; a file too big is refused here, before 5 MB go up a slow line for nothing. */
export async function evidenceOf(file: File | null): Promise<{ fileName: string; data: string } | undefined> {
  if (!file || file.size === 0) return undefined;
  if (file.size > MAX_EVIDENCE_BYTES) throw new FormError(t('exemptions.fileTooLarge', { name: file.name, size: formatNumber(file.size / 1024 / 1024, 1) }));
  const data = await base64Of(file).catch(() => {
    throw new FormError(t('exemptions.fileUnreadable', { name: file.name }));
  });
  return { fileName: file.name, data };
}
