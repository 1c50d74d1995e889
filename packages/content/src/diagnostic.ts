/** One problem in content, located so an editor can jump to it: `path:line:col: message [code]`. */
export type Diagnostic = {
  file: string;
  line: number;
  col: number;
  /** Stable, for scripts and docs: `frontmatter.unknown_key`, `quiz.no_correct_option`… */
  code: string;
  /** Vietnamese, for the trainer. */
  message: string;
  severity: 'error' | 'warning';
};

export type Position = { line: number; col: number };

export function format(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity === 'error' ? 'lỗi' : 'cảnh báo'}: ${d.message} [${d.code}]`;
}

export class Diagnostics {
  readonly list: Diagnostic[] = [];
  constructor(readonly file: string) {}
  error(at: Position, code: string, message: string) {
    this.list.push({ file: this.file, ...at, code, message, severity: 'error' });
  }
  warn(at: Position, code: string, message: string) {
    this.list.push({ file: this.file, ...at, code, message, severity: 'warning' });
  }
  get hasErrors() {
    return this.list.some((d) => d.severity === 'error');
  }
}
