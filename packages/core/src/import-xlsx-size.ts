import { Unzip, UnzipInflate, UnzipPassThrough, unzipSync } from 'fflate';
import { VisibleError } from './error.ts';

/**
 * What an .xlsx may unpack to. A 6 MB upload of real staff lists unpacks to a few tens of
 * MB of XML; a zip bomb (one 100 MB cell in 100 KB) unpacks to hundreds, and the XLSX
 * reader would hold all of it, several times over, inside a Lambda of limited memory.
 */
export const MAX_XLSX_UNPACKED_BYTES = 50 * 1024 * 1024;
/** Parts of a workbook: Excel writes a few dozen; thousands are made to slow the reader down. */
const MAX_XLSX_ENTRIES = 1_000;
/** Deflate cannot shrink data more than ~1:1032, so an entry claiming more is lying about its size. */
const MAX_DEFLATE_RATIO = 1_032;
/** Bytes fed to the inflater at a time: each step can unpack at most ~1,000 times this. */
const INFLATE_STEP = 4 * 1024;

const tooLarge = () =>
  new VisibleError(
    'import.too_large',
    `Tệp Excel khi giải nén quá lớn (tối đa ${MAX_XLSX_UNPACKED_BYTES / 1024 / 1024} MB dữ liệu). Hãy xoá các trang, hình ảnh không cần, hoặc chia tệp theo đơn vị rồi nhập lần lượt.`,
  );
const damaged = () =>
  new VisibleError(
    'import.malformed',
    'Tệp Excel (.xlsx) bị hỏng hoặc không hợp lệ (kích thước ghi trong tệp không khớp nội dung); hãy mở lại trong Excel và lưu dạng .xlsx.',
  );

/**
 * Refuses, before any parsing, an .xlsx (a zip) that unpacks to more than the limit: first
 * by the sizes its central directory declares, then — as those can lie — by unpacking it
 * in small steps, counting and discarding the bytes, and stopping at the first too many.
 */
export function checkXlsxSize(bytes: Uint8Array): void {
  const declared = new Map<string, number>();
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (file) => {
        if (declared.size >= MAX_XLSX_ENTRIES) throw tooLarge();
        if (file.originalSize > file.size * MAX_DEFLATE_RATIO + 1024) throw damaged();
        total += file.originalSize;
        if (total > MAX_XLSX_UNPACKED_BYTES) throw tooLarge();
        declared.set(file.name, file.originalSize);
        return false; // sizes only: nothing is unpacked here
      },
    });
  } catch (err) {
    if (err instanceof VisibleError) throw err;
    throw damaged();
  }

  let unpacked = 0;
  let refusal: VisibleError | undefined;
  const unzip = new Unzip((file) => {
    let own = 0;
    const limit = declared.get(file.name);
    file.ondata = (err, chunk) => {
      if (refusal) return;
      if (err) refusal = damaged();
      own += chunk?.length ?? 0;
      unpacked += chunk?.length ?? 0;
      if (limit === undefined || own > limit) refusal = damaged();
      else if (unpacked > MAX_XLSX_UNPACKED_BYTES) refusal = tooLarge();
      if (refusal) file.terminate();
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let at = 0; at < bytes.length && !refusal; at += INFLATE_STEP) {
      unzip.push(bytes.subarray(at, at + INFLATE_STEP), at + INFLATE_STEP >= bytes.length);
    }
  } catch {
    refusal ??= damaged();
  }
  if (refusal) throw refusal;
}
