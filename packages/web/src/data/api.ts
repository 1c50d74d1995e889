/**
 * The typed client for the JSON API under /api: built with hono/client over the server's
 * routes (`AppType`, imported as a type only), so requests and responses are typed from the
 * handlers themselves and never written twice. Errors arrive as ApiError with the server's code.
 */
import { hc, type ClientResponse, type InferRequestType, type InferResponseType } from 'hono/client';
import type { AppType } from '@sansang/api';

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

/**
 * Every request goes through here: it asks for JSON, sends the session cookie, marks a write
 * with the header the server requires against CSRF, turns a failed connection into
 * `network.offline` and a refusal into an ApiError with the server's code.
 */
async function send(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  if ((init.method ?? 'GET') !== 'GET') headers.set('x-requested-with', 'sansang');
  let res: Response;
  try {
    res = await fetch(input, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network.offline', 'Network error');
  }
  if (!res.ok) throw await ApiError.from(res);
  return res;
}

/** `?a=1&b=2` from the parameters that are set: one left out or empty is not sent. */
export function searchParams(params: Record<string, string | string[] | undefined | null>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) if (typeof one === 'string' && one !== '') out.append(key, one);
  }
  return out;
}

/** The API, typed by the server's routes: `client.api.courses[':slug'].$get({ param: { slug } })`. */
export const client = hc<AppType>('/', { fetch: send, buildSearchParams: searchParams });

/** What a response's body is: its JSON as the route's handler typed it; nothing for 204. */
type Data<R> = R extends ClientResponse<infer T, number, infer F> ? (F extends 'json' ? T : undefined) : never;

/** The body of a successful response (a refusal has already been thrown as an ApiError by `send`). */
export async function data<R extends ClientResponse<unknown, number, string>>(pending: Promise<R>): Promise<Data<R>> {
  const res = await pending;
  if (res.status === 204) return undefined as Data<R>;
  return (await res.json().catch(() => null)) as Data<R>;
}

/** A path parameter as it goes in the URL (hono/client puts it there as given). */
export const segment = (value: string | number) => encodeURIComponent(String(value));

/**
 * A list of every value the server's type T allows, in the order a form offers them: a value
 * the server adds and the list lacks fails the type check, naming it (`missing`).
 */
export const every =
  <T>() =>
  <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : { missing: Exclude<T, L[number]> })): L =>
    list;

/** An imported file goes as its own bytes, with its own type, instead of JSON. */
export const upload = (file: Blob) => ({
  headers: { 'content-type': file.type || 'application/octet-stream' },
  init: { body: file },
});

const c = client.api;
const course = c.courses[':slug'];
const attempt = course.attempts[':n'];

export type Me = InferResponseType<typeof c.me.$get>;
export type Role = Me['roles'][number]['role'];
/** One target the signed-in person owes: their own due date, days left, status and the programme's courses. */
export type Requirement = InferResponseType<typeof c.me.requirements.$get>['requirements'][number];
export type CourseSummary = InferResponseType<typeof c.courses.$get>['courses'][number];
export type Progress = CourseSummary['progress'];
export type CourseDetail = InferResponseType<typeof course.$get>['course'];
export type Lesson = InferResponseType<(typeof course.lessons)[':lessonId']['$get']>['lesson'];
export type QuizState = InferResponseType<typeof course.quiz.$get>;
export type QuizInfo = QuizState['quiz'];
/** An attempt as the server keeps it: the drawn questions, the saved answers, the deadline; the result once graded. */
export type Attempt = InferResponseType<typeof attempt.$get>['attempt'];
/** A question as the server sends it before grading: what to show, never the answer. */
export type QuizQuestion = Attempt['questions'][number];
export type QuizResult = NonNullable<Attempt['result']>;
export type CertificateInfo = Extract<InferResponseType<(typeof c.certificates)[':code']['$get']>, { valid: true }>['certificate'];
export type AuditQuery = InferRequestType<typeof c.audit.$get>['query'];
export type AuditView = InferResponseType<typeof c.audit.$get>;
export type AuditEntry = AuditView['entries'][number];
/** The names and codes of the units a page of the log names, by id. */
export type AuditUnits = AuditView['units'];
export type PasswordLink = InferResponseType<typeof c.accounts.$post>;
export type ContentStatus = InferResponseType<typeof c.content.$get>;
export type ContentFinding = ContentStatus['findings'][number];
/** A compiled course with its answers, as a trainer previews it. */
export type PreviewCourse = InferResponseType<(typeof c.content.courses)[':slug']['$get']>['course'];
export type PreviewQuestion = NonNullable<PreviewCourse['quiz']>['questions'][number];
export type QuizStatistics = InferResponseType<(typeof c.content.courses)[':slug']['statistics']['$get']>;
export type ItemStatistics = QuizStatistics['items'][number];

export const api = {
  contentStatistics: (slug: string) => data(c.content.courses[':slug'].statistics.$get({ param: { slug: segment(slug) }, query: {} })),
  contentStatus: () => data(c.content.$get()),
  contentCourse: (slug: string) => data(c.content.courses[':slug'].$get({ param: { slug: segment(slug) } })),
  /** `next`: the page opened while signed out; the answer says where to go (that page, if it is one of ours). */
  login: (email: string, password: string, next?: string) => data(c.auth.login.$post({ json: { email, password, next } })),
  providers: () => data(c.auth.providers.$get()),
  changePassword: (current: string, next: string) => data(c.auth.password.$post({ json: { current, next } })),
  redeemPasswordLink: (token: string, password: string) => data(c.auth['password-link'].$post({ json: { token, password } })),
  /** Uses a reminder's one-time sign-in link: answers the person and where to go, as `login` does. */
  redeemSignInLink: (token: string) => data(c.auth.link.$post({ json: { token } })),
  createAccount: (email: string, employeeCode: string) => data(c.accounts.$post({ json: { email, employeeCode } })),
  reissueLink: (email: string) => data(c.accounts['password-link'].$post({ json: { email } })),
  audit: (query: AuditQuery) => data(c.audit.$get({ query })),
  auditCsvUrl: (query: AuditQuery) => c['audit.csv'].$path({ query }),
  logout: () => data(c.auth.logout.$post()),
  me: () => data(c.me.$get()),
  setLanguage: (language: 'vi' | 'en') => data(c.me.language.$post({ json: { language } })),
  requirements: () => data(c.me.requirements.$get()),
  courses: () => data(c.courses.$get()),
  course: (slug: string) => data(course.$get({ param: { slug: segment(slug) } })),
  lesson: (slug: string, id: string) => data(course.lessons[':lessonId'].$get({ param: { slug: segment(slug), lessonId: segment(id) } })),
  completeLesson: (slug: string, id: string) => data(course.lessons[':lessonId'].complete.$post({ param: { slug: segment(slug), lessonId: segment(id) } })),
  quiz: (slug: string) => data(course.quiz.$get({ param: { slug: segment(slug) } })),
  startAttempt: (slug: string) => data(course.attempts.$post({ param: { slug: segment(slug) } })),
  saveAnswer: (slug: string, n: number, questionId: string, answer: string[]) =>
    data(attempt.answers.$post({ param: { slug: segment(slug), n: segment(n) }, json: { questionId, answer } })),
  submitAttempt: (slug: string, n: number, answers: Record<string, string[]>) =>
    data(attempt.submit.$post({ param: { slug: segment(slug), n: segment(n) }, json: { answers } })),
  certificate: (slug: string) => data(course.certificate.$get({ param: { slug: segment(slug) } })),
  verifyCertificate: (code: string) => data(c.certificates[':code'].$get({ param: { code: segment(code) } })),
};
