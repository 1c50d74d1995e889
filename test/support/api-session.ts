import { app } from '@sansang/api';

/** Signs in through the API as a browser would and returns the session cookie to send back (`name=value`). */
export async function sessionCookie(email: string, password = 'mat-khau-dung'): Promise<string> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'sansang' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${email} answered ${res.status}: ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
