import type { Diagnostics } from '../diagnostic.ts';
import type { ImportedQuestion } from './question-markdown.ts';

const OPTION = /^([A-Z])[.)]\s+(.*)$/;
const ANSWER = /^ANSWER:\s*([A-Z])\s*$/i;

/**
 * Moodle Aiken → single-choice questions: the question on one or more lines, options
 * `A.`/`A)` one per line, then `ANSWER: X`. Each malformed question is reported at its line.
 */
export function parseAiken(text: string, diags: Diagnostics): ImportedQuestion[] {
  const out: ImportedQuestion[] = [];
  let prompt: string[] = [];
  let promptLine = 0;
  let options: { letter: string; text: string }[] = [];
  const reset = () => { prompt = []; options = []; };
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const at = { line: i + 1, col: 1 };
    if (line === '') {
      if (options.length > 0) diags.error({ line: promptLine, col: 1 }, 'aiken.syntax', `Câu "${prompt.join(' ').slice(0, 40)}" thiếu dòng "ANSWER: X" sau các phương án.`);
      if (options.length > 0 || prompt.length > 0) reset();
      return;
    }
    const answer = ANSWER.exec(line);
    if (answer) {
      const letter = answer[1]!.toUpperCase();
      if (prompt.length === 0) diags.error(at, 'aiken.syntax', 'Dòng ANSWER không thuộc câu hỏi nào.');
      else if (options.length < 2) diags.error(at, 'aiken.syntax', `Câu "${prompt.join(' ').slice(0, 40)}" cần ít nhất 2 phương án A., B., …`);
      else if (!options.some((o) => o.letter === letter)) diags.error(at, 'aiken.syntax', `Đáp án "${letter}" không có trong các phương án ${options.map((o) => o.letter).join(', ')}.`);
      else out.push({ line: promptLine, prompt: prompt.join('\n'), tags: [], answer: { type: 'single', options: options.map((o) => ({ text: o.text, correct: o.letter === letter })) } });
      reset();
      return;
    }
    const option = OPTION.exec(line);
    if (option && prompt.length > 0) {
      options.push({ letter: option[1]!, text: option[2]!.trim() });
      return;
    }
    if (options.length > 0) {
      diags.error(at, 'aiken.syntax', `Dòng này nằm giữa các phương án nhưng không có dạng "A. …" hay "ANSWER: X".`);
      return;
    }
    if (prompt.length === 0) promptLine = i + 1;
    prompt.push(line);
  });
  if (options.length > 0) diags.error({ line: promptLine, col: 1 }, 'aiken.syntax', `Câu "${prompt.join(' ').slice(0, 40)}" thiếu dòng "ANSWER: X" ở cuối tệp.`);
  return out;
}
