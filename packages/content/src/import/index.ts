import { basename, extname } from 'node:path';
import { readFile } from 'node:fs/promises';
import { Diagnostics, type Diagnostic } from '../diagnostic.ts';
import { parseMarkdown } from '../markdown.ts';
import { parseQuestions } from '../quiz.ts';
import { decodeText } from '../text-file.ts';
import { parseAiken } from './aiken.ts';
import { parseGift } from './gift.ts';
import { quizMarkdown, type ImportedQuestion } from './question-markdown.ts';

export type ImportResult = { markdown: string; imported: number; diagnostics: Diagnostic[] };

async function importWith(path: string, parse: (text: string, d: Diagnostics) => ImportedQuestion[]): Promise<ImportResult> {
  // The path as the trainer typed it, so their editor or terminal can jump to path:line:col.
  const diags = new Diagnostics(path);
  const text = decodeText(await readFile(path));
  if (text === null) {
    diags.error({ line: 1, col: 1 }, 'file.not_utf8', 'Tệp không phải UTF-8 hay UTF-16 có BOM; hãy xuất lại từ Moodle hoặc lưu lại với mã hoá UTF-8.');
    return { markdown: '', imported: 0, diagnostics: diags.list };
  }
  const questions = parse(text.normalize('NFC'), diags);
  const markdown = quizMarkdown(basename(path, extname(path)), questions);
  // What we write must read back as the same number of questions, or the import is not trusted.
  const check = new Diagnostics('quiz.md');
  const body = markdown.slice(markdown.indexOf('---\n', 4) + 4);
  const back = parseQuestions(parseMarkdown(body), 1, check).questions;
  if (back.length !== questions.length || check.hasErrors) {
    diags.error({ line: 1, col: 1 }, 'import.roundtrip', `Chuyển đổi lỗi: ${questions.length} câu đọc được nhưng bản Markdown đọc lại ra ${back.length}. Hãy báo lỗi kèm tệp này.`);
  }
  return { markdown, imported: questions.length, diagnostics: diags.list };
}

export const importGift = (path: string) => importWith(path, parseGift);
export const importAiken = (path: string) => importWith(path, parseAiken);
