import { ApiError } from './api.ts';

/** The name the server gave the file (content-disposition), else the last part of the path. */
function fileName(res: Response, url: string): string {
  const header = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]!);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1]! : new URL(url, location.href).pathname.split('/').pop()!;
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
  link.download = fileName(res, url);
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click's task has run.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}
