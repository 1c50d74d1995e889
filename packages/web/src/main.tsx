import { render } from 'solid-js/web';
import { Route, Router } from '@solidjs/router';
import { lazy } from 'solid-js';
import { Layout } from './ui/layout.tsx';
import { SignedIn } from './ui/guard.tsx';
import './styles.css';

// A tab opened before a new release asks for page code the release removed: load the new
// release rather than leave a blank page. At most once a minute, and only online, so an
// outage or a missing file cannot reload forever.
window.addEventListener('vite:preloadError', (event) => {
  const last = Number(sessionStorage.getItem('sansang.reloadedAt') ?? 0);
  if (!navigator.onLine || Date.now() - last < 60_000) return;
  event.preventDefault();
  sessionStorage.setItem('sansang.reloadedAt', String(Date.now()));
  location.reload();
});

const Login = lazy(() => import('./pages/login.tsx'));
const SignInLink = lazy(() => import('./pages/sign-in-link.tsx'));
const Courses = lazy(() => import('./pages/courses.tsx'));
const RequirementsPage = lazy(() => import('./pages/requirements.tsx'));
/** Chooses the first screen: what the person owes, or their courses; in the requirements page's chunk. */
const Start = lazy(() => import('./pages/requirements.tsx').then((m) => ({ default: m.Start })));
const CoursePage = lazy(() => import('./pages/course.tsx'));
const LessonPage = lazy(() => import('./pages/lesson.tsx'));
const QuizPage = lazy(() => import('./pages/quiz.tsx'));
const ReadinessPage = lazy(() => import('./pages/readiness.tsx'));
const RosterPage = lazy(() => import('./pages/roster.tsx'));
const ExemptionsPage = lazy(() => import('./pages/exemptions.tsx'));
const CreditsPage = lazy(() => import('./pages/credits.tsx'));
const OrgPage = lazy(() => import('./pages/org.tsx'));
const TargetsPage = lazy(() => import('./pages/targets.tsx'));
const SetPassword = lazy(() => import('./pages/set-password.tsx'));
const ChangePassword = lazy(() => import('./pages/change-password.tsx'));
const Accounts = lazy(() => import('./pages/accounts.tsx'));
const AuditPage = lazy(() => import('./pages/audit.tsx'));
const ContentPage = lazy(() => import('./pages/content.tsx'));
const VerifyPage = lazy(() => import('./pages/verify.tsx'));
const HelpPage = lazy(() => import('./pages/help.tsx'));
const ContentPreview = lazy(() => import('./pages/content-preview.tsx'));
const NotFound = lazy(() => import('./pages/not-found.tsx'));
const RemindersPage = lazy(() => import('./pages/reminders.tsx'));
const NoticesPage = lazy(() => import('./pages/notices.tsx'));

/** A signed-in page: its code is fetched while the session is checked, not after. */
const guarded = (Page: ReturnType<typeof lazy>) => () => {
  void Page.preload();
  return (
    <SignedIn>
      <Page />
    </SignedIn>
  );
};

render(
  () => (
    <Router root={Layout}>
      <Route path="/dang-nhap" component={Login} />
      <Route path="/dang-nhap/lien-ket" component={SignInLink} />
      <Route path="/" component={guarded(Start)} />
      <Route path="/viec-can-hoan-thanh" component={guarded(RequirementsPage)} />
      <Route path="/khoa-hoc" component={guarded(Courses)} />
      <Route path="/khoa-hoc/:slug" component={guarded(CoursePage)} />
      <Route path="/khoa-hoc/:slug/bai/:lessonId" component={guarded(LessonPage)} />
      <Route path="/khoa-hoc/:slug/kiem-tra" component={guarded(QuizPage)} />
      <Route path="/san-sang" component={guarded(ReadinessPage)} />
      <Route path="/danh-sach" component={guarded(RosterPage)} />
      <Route path="/mien-tru" component={guarded(ExemptionsPage)} />
      <Route path="/cong-nhan-tuong-duong" component={guarded(CreditsPage)} />
      <Route path="/to-chuc" component={guarded(OrgPage)} />
      <Route path="/chi-tieu" component={guarded(TargetsPage)} />
      <Route path="/dat-mat-khau" component={SetPassword} />
      <Route path="/mat-khau" component={guarded(ChangePassword)} />
      <Route path="/tai-khoan" component={guarded(Accounts)} />
      <Route path="/nhat-ky" component={guarded(AuditPage)} />
      <Route path="/nhac-nho" component={guarded(RemindersPage)} />
      <Route path="/thong-bao" component={guarded(NoticesPage)} />
      <Route path="/noi-dung" component={guarded(ContentPage)} />
      <Route path="/verify/:code?" component={VerifyPage} />
      <Route path="/tro-giup" component={HelpPage} />
      <Route path="/tro-giup/:slug" component={HelpPage} />
      <Route path="/noi-dung/:slug" component={guarded(ContentPreview)} />
      <Route path="*404" component={NotFound} />
    </Router>
  ),
  document.getElementById('root')!,
);

// Installable, and lessons once opened stay readable offline (public/sw.js).
if ('serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
