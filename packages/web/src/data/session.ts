import { createResource } from 'solid-js';
import { api, ApiError, type Me, type Role } from './api.ts';

/** The signed-in person, or null; loaded once and refreshed after sign-in and sign-out. */
const [me, { refetch, mutate }] = createResource<Me | null>(async () => {
  try {
    return await api.me();
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
});

export { me, refetch as reloadMe, mutate as setMe };
export const hasRole = (role: Role) => me()?.roles.some((r) => r.role === role) ?? false;

/**
 * Keeps the language the signed-in person switched to on their account: the next sign-in, on
 * any device, opens in it, and their reminders come in it. Offline, only this browser keeps it.
 */
export async function saveLanguage(language: 'vi' | 'en') {
  const current = me.error ? null : me();
  if (!current) return;
  mutate({ ...current, language });
  await api.setLanguage(language).catch(() => undefined);
}
