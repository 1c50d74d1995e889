import type * as Client from 'openid-client';

/** The OpenID client is loaded on the first sign-in through a provider, not at every cold start. */
const openid = () => import('openid-client');

/**
 * Generic OpenID Connect sign-in, configured by environment so a province can plug in the
 * identity provider it runs:
 *   OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET   required to enable it
 *   OIDC_REDIRECT_URI      https://<site>/api/auth/oidc/callback
 *   OIDC_EMPLOYEE_CODE_CLAIM   claim holding the employee code (default: employee_code)
 *   OIDC_LABEL             the button text (default: "Đăng nhập bằng tài khoản định danh")
 * Authorization code flow with PKCE, state and nonce.
 */
export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; redirectUri: string; employeeCodeClaim: string; label: string };

export function oidcSettings(): OidcSettings | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI } = process.env;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !OIDC_REDIRECT_URI) return null;
  return {
    issuer: OIDC_ISSUER,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    redirectUri: OIDC_REDIRECT_URI,
    employeeCodeClaim: process.env.OIDC_EMPLOYEE_CODE_CLAIM ?? 'employee_code',
    label: process.env.OIDC_LABEL ?? 'Đăng nhập bằng tài khoản định danh',
  };
}

const configs = new Map<string, Promise<Client.Configuration>>();

/** Discovery once per issuer and instance; a failed discovery is retried on the next request. */
function configuration(s: OidcSettings): Promise<Client.Configuration> {
  const key = `${s.issuer}|${s.clientId}`;
  if (!configs.has(key)) {
    const discover = async () => {
      const client = await openid();
      // Plain http is accepted only for a provider on this machine (tests, local trials).
      const local = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(s.issuer.endsWith('/') ? s.issuer : `${s.issuer}/`);
      return client.discovery(new URL(s.issuer), s.clientId, s.clientSecret, undefined, local ? { execute: [client.allowInsecureRequests] } : undefined);
    };
    const pending = discover();
    pending.catch(() => configs.delete(key));
    configs.set(key, pending);
  }
  return configs.get(key)!;
}

export async function startSignIn(s: OidcSettings) {
  const client = await openid();
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(await configuration(s), {
    redirect_uri: s.redirectUri,
    scope: 'openid email profile',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { url: url.href, pending: { state, nonce, verifier } };
}

export async function finishSignIn(s: OidcSettings, callbackUrl: URL, pending: { state: string; nonce: string; verifier: string }) {
  const [client, config] = await Promise.all([openid(), configuration(s)]);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const idClaims = tokens.claims()!;
  // Many providers put only `sub` in the ID token and the rest behind the UserInfo endpoint.
  const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
  return identityOf({ ...userInfo, ...idClaims }, s.employeeCodeClaim);
}

/**
 * The identity a provider vouches for. An email counts only when the provider says it
 * verified it (`email_verified: true`): a provider that omits the claim has not.
 */
export function identityOf(claims: Record<string, unknown>, employeeCodeClaim: string) {
  const code = claims[employeeCodeClaim];
  return {
    issuer: String(claims.iss),
    subject: String(claims.sub),
    email: typeof claims.email === 'string' && claims.email_verified === true ? claims.email : null,
    employeeCode: typeof code === 'string' || typeof code === 'number' ? String(code) : null,
  };
}
