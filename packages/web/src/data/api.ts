/** Typed client for the JSON API under /api; errors arrive as ApiError with the server's code. */
export type Role = 'learner' | 'hr' | 'trainer' | 'admin';
export type Me = {
  id: string;
  email: string;
  name: string;
  unit: { id: string; name: string };
  roles: { role: Role; unitId: string | null; unitName: string | null }[];
};
export type Progress = {
  lessonsDone: string[];
  lessonCount: number;
  quizPassed: boolean;
  bestScore: number | null;
  attemptsUsed: number;
  completed: boolean;
  completedAt: string | null;
};
export type CourseSummary = {
  slug: string;
  title: string;
  summary: string;
  version: number;
  estimatedMinutes: number;
  tags: string[];
  lessonCount: number;
  progress: Progress;
};
export type CourseDetail = CourseSummary & {
  introHtml: string;
  references: string[];
  lessons: { id: string; title: string }[];
  quiz: { title: string; passMark: number; questionCount: number; timeLimitMinutes: number | null; attempts: number | null } | null;
};
export type Lesson = { id: string; title: string; html: string };
type Choice = { id: string; html: string };
/** A question as the server sends it before grading: what to show, never the answer. */
export type QuizQuestion = { id: string; promptHtml: string } & (
  | { type: 'single' | 'multiple'; options: Choice[] }
  | { type: 'truefalse' | 'short' | 'numeric' }
  | { type: 'ordering'; items: Choice[] }
  | { type: 'matching'; left: Choice[]; right: Choice[] }
);
export type QuizInfo = { title: string; passMark: number; timeLimitMinutes: number | null; attempts: number | null; questionCount: number };
/** An attempt as the server keeps it: the drawn questions, the saved answers, the deadline; the result once graded. */
export type Attempt = {
  n: number;
  status: 'open' | 'submitted';
  startedAt: string;
  deadline: string | null;
  serverNow: string;
  questions: QuizQuestion[];
  answers: Record<string, string[]>;
  result: QuizResult | null;
};
export type QuizState = { quiz: QuizInfo; attempt: Attempt | null; attemptsUsed: number; attemptsLeft: number | null; progress: Progress };
export type CertificateInfo = { code: string; fullName: string; unitName: string; courseTitle: string; version: number; completedAt: string };
export type QuizResult = {
  score: number;
  passed: boolean;
  correct: number;
  total: number;
  questions: { id: string; correct: boolean; explanationHtml: string | null }[];
};
export type AuditEntry = { at: string; id: string; actor: string; action: string; unitId?: string | null; detail?: Record<string, unknown> };
export type PasswordLink = { email: string; link: string; expiresAt: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** Refused for load (503, 429): the same request may well succeed a little later. */
  get busy(): boolean {
    return this.status === 503 || this.status === 429;
  }

  /**
   * A refusal as the server (or a gateway in front of it) sent it. A 503 or 429 without our
   * JSON body, as API Gateway or CloudFront send them under load, is still "busy".
   */
  static async from(res: Response): Promise<ApiError> {
    const data = await res.json().catch(() => null);
    const seconds = Number(res.headers.get('retry-after'));
    const fallback = res.status === 503 || res.status === 429 ? 'service.busy' : 'server.error';
    return new ApiError(res.status, data?.error?.code ?? fallback, data?.error?.message ?? '', seconds > 0 ? seconds : undefined);
  }
}

/** JSON in, JSON out; an imported file goes as its own bytes (`file`), with its own type. */
export async function request<T>(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  options: { file?: Blob; headers?: Record<string, string> } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (method !== 'GET') headers['x-requested-with'] = 'sansang';
  let payload: BodyInit | undefined;
  if (options.file) {
    payload = options.file;
    headers['content-type'] = options.file.type || 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, credentials: 'same-origin', body: payload });
  } catch {
    throw new ApiError(0, 'network.offline', 'Network error');
  }
  if (!res.ok) throw await ApiError.from(res);
  if (res.status === 204) return undefined as T;
  return (await res.json().catch(() => null)) as T;
}

export type ContentFinding = { file: string; line: number; col: number; code: string; message: string; severity: 'error' | 'warning' };
export type ContentStatus = {
  source: 'local' | 'published';
  revision: number;
  checkedAt: string | null;
  findings: ContentFinding[];
  published: string[];
  courses: { slug: string; version: number; title: string; summary: string; lessonCount: number }[];
};
type Html = string;
/** A compiled course with its answers, as a trainer previews it. */
export type PreviewQuestion = {
  id: string;
  type: string;
  promptHtml: Html;
  explanationHtml: Html | null;
  tags: string[];
  difficulty: string;
  options?: { id: string; html: Html; correct: boolean }[];
  answer?: boolean;
  accepted?: string[];
  ignoreAccents?: boolean;
  value?: number;
  tolerance?: number;
  items?: { id: string; html: Html }[];
  pairs?: { id: string; leftHtml: Html; rightHtml: Html }[];
};
export type PreviewCourse = {
  slug: string;
  version: number;
  title: string;
  summary: string;
  level: string;
  estimatedMinutes: number;
  tags: string[];
  references: string[];
  completion: { lessons: string; quiz: string };
  placement: boolean;
  introHtml: Html;
  lessons: { id: string; title: string; html: Html }[];
  quiz: {
    title: string;
    passMark: number;
    timeLimitMinutes: number | null;
    attempts: number | null;
    draw: { count: number; tag?: string; difficulty?: string }[];
    shuffle: boolean;
    explanations: string;
    questions: PreviewQuestion[];
  } | null;
};

export type ItemStatistics = { id: string; answered: number; correctShare: number | null; discrimination: number | null; flags: string[] };
export type QuizStatistics = { slug: string; version: number; attempts: number; meanScore: number | null; distribution: number[]; items: ItemStatistics[] };

export const api = {
  contentStatistics: (slug: string) => request<QuizStatistics>('GET', `/content/courses/${encodeURIComponent(slug)}/statistics`),
  contentStatus: () => request<ContentStatus>('GET', '/content'),
  contentCourse: (slug: string) => request<{ course: PreviewCourse }>('GET', `/content/courses/${encodeURIComponent(slug)}`),
  login: (email: string, password: string) => request<{ user: Me }>('POST', '/auth/login', { email, password }),
  providers: () => request<{ password: boolean; oidc: { label: string; start: string } | null }>('GET', '/auth/providers'),
  changePassword: (current: string, next: string) => request<void>('POST', '/auth/password', { current, next }),
  redeemPasswordLink: (token: string, password: string) => request<{ email: string }>('POST', '/auth/password-link', { token, password }),
  createAccount: (email: string, employeeCode: string) => request<PasswordLink>('POST', '/accounts', { email, employeeCode }),
  reissueLink: (email: string) => request<PasswordLink>('POST', '/accounts/password-link', { email }),
  audit: (query: string) => request<{ entries: AuditEntry[] }>('GET', `/audit?${query}`),
  auditCsvUrl: (query: string) => `/api/audit.csv?${query}`,
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<Me>('GET', '/me'),
  courses: () => request<{ courses: CourseSummary[] }>('GET', '/courses'),
  course: (slug: string) => request<{ course: CourseDetail }>('GET', `/courses/${encodeURIComponent(slug)}`),
  lesson: (slug: string, id: string) =>
    request<{ lesson: Lesson; progress: Progress }>('GET', `/courses/${encodeURIComponent(slug)}/lessons/${encodeURIComponent(id)}`),
  completeLesson: (slug: string, id: string) =>
    request<{ progress: Progress }>('POST', `/courses/${encodeURIComponent(slug)}/lessons/${encodeURIComponent(id)}/complete`),
  quiz: (slug: string) => request<QuizState>('GET', `/courses/${encodeURIComponent(slug)}/quiz`),
  startAttempt: (slug: string) => request<{ attempt: Attempt }>('POST', `/courses/${encodeURIComponent(slug)}/attempts`),
  saveAnswer: (slug: string, n: number, questionId: string, answer: string[]) =>
    request<{ savedAt: string }>('POST', `/courses/${encodeURIComponent(slug)}/attempts/${n}/answers`, { questionId, answer }),
  submitAttempt: (slug: string, n: number, answers: Record<string, string[]>) =>
    request<{ result: QuizResult; progress: Progress; attempt: Attempt }>('POST', `/courses/${encodeURIComponent(slug)}/attempts/${n}/submit`, { answers }),
  certificate: (slug: string) => request<{ certificate: CertificateInfo; verifyUrl: string }>('GET', `/courses/${encodeURIComponent(slug)}/certificate`),
  verifyCertificate: (code: string) =>
    request<{ valid: true; certificate: CertificateInfo } | { valid: false; code: string }>('GET', `/certificates/${encodeURIComponent(code)}`),
};
