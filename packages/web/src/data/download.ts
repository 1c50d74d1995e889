import { ApiError } from './api.ts';

/**
 * The name the server gave the file (content-disposition, RFC 6266): the real Vietnamese name
 * in `filename*` when there is one, else the ASCII `filename`; else the last part of the path.
 */
export function fileName(header: string | null, url: string): string {
  const star = /(?:^|;)\s*filename\*\s*=\s*UTF-8'[^']*'([^;\s]+)/i.exec(header ?? '');
  if (star) {
    try {
      return decodeURIComponent(star[1]!);
    } catch {
      // A malformed escape: the plain name below is as good.
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header ?? '');
  if (plain) return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]!;
  return new URL(url, location.href).pathname.split('/').pop()!;
}

/**
 * Downloads a report through fetch rather than by following the link, so that a refusal
 * (a subtree too big to make while the officer waits, a missing permission) arrives as an
 * ApiError the page can explain, instead of a JSON file saved to disk.
 */
export async function downloadFile(url: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network.offline', 'Network error');
  }
  if (!res.ok) throw await ApiError.from(res);
  const blob = await res.blob();
  const href = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName(res.headers.get('content-disposition'), url);
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click's task has run.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
