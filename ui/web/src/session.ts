// Who is logged in (docs/security.md, Identities). The token lives in an HttpOnly cookie that the
// server sets at /auth/login: scripts never see it, and the browser sends it with every same-origin
// request, so the rest of the interface needs no token handling.

export interface Me {
  authenticated: boolean;
  name: string | null;
  roles: string[];
  anonymousAccess: 'NONE' | 'READER';
  provider: 'local' | 'oidc';
}

let current: Promise<Me> | null = null;

/** The caller as the server knows them (asked once, until a login or logout). */
export function me(): Promise<Me> {
  current ??= fetch('auth/me', { headers: { Accept: 'application/json' } }).then(async (r) => {
    if (!r.ok) return { authenticated: false, name: null, roles: [], anonymousAccess: 'NONE', provider: 'local' } as Me;
    return (await r.json()) as Me;
  });
  return current;
}

export type LoginOutcome = { ok: true; me: Me } | { ok: false; status: number; retryAfter: number };

export async function login(username: string, password: string): Promise<LoginOutcome> {
  const response = await fetch('auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  current = null;
  if (!response.ok) {
    return { ok: false, status: response.status, retryAfter: Number(response.headers.get('Retry-After') ?? '0') };
  }
  return { ok: true, me: await me() };
}

export async function logout(): Promise<void> {
  await fetch('auth/logout', { method: 'POST' });
  current = null;
}

/** Sends the browser to the login page, coming back here afterwards. */
export function askLogin(): void {
  const here = location.hash.replace(/^#\/?/, '');
  if (!here.startsWith('connexion')) {
    location.hash = `#/connexion?retour=${encodeURIComponent(here)}`;
  }
}
