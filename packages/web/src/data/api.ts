/** Typed client for the JSON API under /api; errors arrive as ApiError with the server's code. */
export type Role = 'learner' | 'hr' | 'trainer' | 'admin';
export type Me = { id: string; email: string; name: string; unit: { id: string; name: string }; roles: { role: Role; unitId: string | null; unitName: string | null }[] };
export type Progress = { lessonsDone: string[]; lessonCount: number; quizPassed: boolean; bestScore: number | null; completed: boolean; completedAt: string | null };
export type CourseSummary = { slug: string; title: string; summary: string; version: number; estimatedMinutes: number; tags: string[]; lessonCount: number; progress: Progress };
export type CourseDetail = CourseSummary & {
  introHtml: string;
  references: string[];
  lessons: { id: string; title: string }[];
  quiz: { title: string; passMark: number; questionCount: number } | null;
};
export type Lesson = { id: string; title: string; html: string };
export type QuizQuestion = { id: string; type: 'single' | 'multiple'; promptHtml: string; options: { id: string; html: string }[] };
export type Quiz = { title: string; passMark: number; questions: QuizQuestion[] };
export type QuizResult = { score: number; passed: boolean; correct: number; total: number; questions: { id: string; correct: boolean; explanationHtml: string | null }[] };
export type Figures = { staff: number; trained: number; percent: number; meetsTarget: boolean };
export type Readiness = Figures & {
  unit: { id: string; name: string; kind: string; code: string; parentId: string | null };
  target: { id: string; title: string; percent: number; deadline: string };
  children: (Figures & { id: string; name: string; kind: string; code: string })[];
};

export type AuditEntry = { at: string; id: string; actor: string; action: string; unitId?: string | null; detail?: Record<string, unknown> };
export type ReportArchive = { id: string; status: 'pending' | 'running' | 'ready' | 'failed'; createdAt: string; sha256?: string | null; bytes?: number | null };
export type PasswordLink = { email: string; link: string; expiresAt: string };

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-requested-with'] = 'sansang';
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network.offline', 'Network error');
  }
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'server.error', data?.error?.message ?? res.statusText);
  return data as T;
}

export const api = {
  login: (email: string, password: string) => request<{ user: Me }>('POST', '/auth/login', { email, password }),
  providers: () => request<{ password: boolean; oidc: { label: string; start: string } | null }>('GET', '/auth/providers'),
  changePassword: (current: string, next: string) => request<void>('POST', '/auth/password', { current, next }),
  redeemPasswordLink: (token: string, password: string) => request<{ email: string }>('POST', '/auth/password-link', { token, password }),
  createAccount: (email: string, employeeCode: string) => request<PasswordLink>('POST', '/accounts', { email, employeeCode }),
  reissueLink: (email: string) => request<PasswordLink>('POST', '/accounts/password-link', { email }),
  audit: (query: string) => request<{ entries: AuditEntry[] }>('GET', `/audit?${query}`),
  auditCsvUrl: (query: string) => `/api/audit.csv?${query}`,
  archives: (unit: string) => request<{ archives: ReportArchive[] }>('GET', `/reports/archives?unit=${encodeURIComponent(unit)}`),
  createArchive: (unit: string) => request<{ archive: ReportArchive }>('POST', `/reports/archives?unit=${encodeURIComponent(unit)}`),
  archiveUrl: (unit: string, id: string) => `/api/reports/archives/${encodeURIComponent(id)}?unit=${encodeURIComponent(unit)}`,
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<Me>('GET', '/me'),
  courses: () => request<{ courses: CourseSummary[] }>('GET', '/courses'),
  course: (slug: string) => request<{ course: CourseDetail }>('GET', `/courses/${encodeURIComponent(slug)}`),
  lesson: (slug: string, id: string) => request<{ lesson: Lesson; progress: Progress }>('GET', `/courses/${encodeURIComponent(slug)}/lessons/${encodeURIComponent(id)}`),
  completeLesson: (slug: string, id: string) => request<{ progress: Progress }>('POST', `/courses/${encodeURIComponent(slug)}/lessons/${encodeURIComponent(id)}/complete`),
  quiz: (slug: string) => request<{ quiz: Quiz }>('GET', `/courses/${encodeURIComponent(slug)}/quiz`),
  submitQuiz: (slug: string, answers: Record<string, string[]>) =>
    request<{ result: QuizResult; progress: Progress }>('POST', `/courses/${encodeURIComponent(slug)}/quiz/submissions`, { answers }),
  readiness: (unit?: string) => request<Readiness>('GET', `/readiness${unit ? `?unit=${encodeURIComponent(unit)}` : ''}`),
  completionsCsvUrl: (unit: string) => `/api/reports/completions.csv?unit=${encodeURIComponent(unit)}`,
};
