import { NoticeBell } from './notice-bell.tsx';
import { createEffect, createSignal, on, Show, type ParentProps } from 'solid-js';
import { A, useLocation, useNavigate } from '@solidjs/router';
import { api } from '../data/api.ts';
import { hasRole, me, saveLanguage, setMe } from '../data/session.ts';
import { locale, setLocale, t } from '../i18n/index.ts';
import { OfflineBanner } from './offline-banner.tsx';

/**
 * The header, and the page under it. On a phone the links and tools fold into one menu
 * button: the header is one line whoever is signed in, so it neither fills a third of the
 * screen nor pushes the page down when the session is known.
 */
export function Layout(props: ParentProps) {
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = createSignal(false);
  let toggle!: HTMLButtonElement;
  createEffect(
    on(
      () => location.pathname,
      () => setMenuOpen(false),
      { defer: true },
    ),
  );
  // The language kept on the account wins over this browser's, from sign-in on, on any device.
  createEffect(
    on(
      () => (me.error ? null : me()?.language),
      (chosen) => chosen && chosen !== locale() && void setLocale(chosen),
    ),
  );
  const switchLanguage = () => {
    const next = locale() === 'vi' ? 'en' : 'vi';
    void saveLanguage(next);
    void setLocale(next);
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !menuOpen()) return;
    setMenuOpen(false);
    toggle.focus();
  };
  const logout = async () => {
    await api.logout().catch(() => undefined);
    // Lessons kept for offline reading belong to this learner, not the next one at this PC.
    if ('caches' in window) await caches.delete('sansang-reads').catch(() => undefined);
    setMe(null);
    navigate('/dang-nhap');
  };
  return (
    <>
      <a class="skip" href="#main">
        {t('app.skip')}
      </a>
      <header class="top">
        <A href="/" class="brand">
          {/* The province's or ministry's own logo and name, when the person belongs to one (issue 20). */}
          <Show when={me()?.tenant?.logo}>{(src) => <img class="tenant-logo" src={src()} alt="" width="32" height="32" />}</Show>
          {t('app.name')}
        </A>
        <Show when={me()?.tenant}>{(tenant) => <span class="tenant-name">{tenant().name}</span>}</Show>
        {/* Outside the menu, so a phone shows the unread count without opening it. */}
        <Show when={me()}>
          <NoticeBell />
        </Show>
        <button
          type="button"
          class="menu-toggle"
          ref={toggle}
          aria-expanded={menuOpen()}
          aria-controls="site-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true">☰ </span>
          {t('nav.menu')}
        </button>
        <div id="site-menu" class="menu" classList={{ open: menuOpen() }} onKeyDown={closeOnEscape}>
          <Show when={me()}>
            {/* A link to the page already open changes no path: the menu closes on the click itself. */}
            <nav aria-label={t('nav.main')} onClick={(e) => (e.target as Element).closest('a') && setMenuOpen(false)}>
              <A href="/viec-can-hoan-thanh">{t('nav.requirements')}</A>
              <A href="/khoa-hoc">{t('nav.courses')}</A>
              <Show when={hasRole('hr') || hasRole('admin')}>
                <A href="/san-sang">{t('nav.readiness')}</A>
                <A href="/danh-sach">{t('nav.roster')}</A>
                <A href="/mien-tru">{t('nav.exemptions')}</A>
                <A href="/cong-nhan-tuong-duong">{t('nav.credits')}</A>
                <A href="/to-chuc">{t('nav.org')}</A>
                <A href="/chi-tieu">{t('nav.targets')}</A>
                <A href="/nhac-nho">{t('nav.reminders')}</A>
                <A href="/tai-khoan">{t('nav.accounts')}</A>
              </Show>
              <Show when={hasRole('trainer') || hasRole('admin')}>
                <A href="/noi-dung">{t('nav.content')}</A>
              </Show>
              <Show when={hasRole('admin')}>
                <A href="/nhat-ky">{t('nav.audit')}</A>
              </Show>
            </nav>
          </Show>
          <div class="tools">
            <Show when={me()}>
              <span class="who">{me()!.name}</span>
              <A href="/mat-khau">{t('nav.password')}</A>
              <button type="button" class="link" onClick={logout}>
                {t('nav.logout')}
              </button>
            </Show>
            <A href="/tro-giup">{t('nav.help')}</A>
            <button type="button" class="link" lang={locale() === 'vi' ? 'en' : 'vi'} title={t('lang.switchLabel')} onClick={switchLanguage}>
              {t('lang.switch')}
            </button>
          </div>
        </div>
      </header>
      <OfflineBanner />
      <main id="main" tabindex="-1">
        {props.children}
      </main>
    </>
  );
}
