import type { Server } from 'node:http';
import Provider from 'oidc-provider';

/** A real OpenID provider (oidc-provider, certified) on 127.0.0.1: any login name signs in, as its dev screens allow. */
export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** Starts the provider with one confidential client whose only redirect is `redirectUri`; PKCE required. */
export async function startIdentityProvider(port: number, redirectUri: string): Promise<TestIdentityProvider> {
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'jiebang';
  const clientSecret = 'jiebang-test-client-secret-0123456789';
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'] },
    findAccount: (_context, id) => ({
      accountId: id,
      claims: () => ({ sub: `idp-${id}`, preferred_username: id, name: id }),
    }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['jiebang-test-cookie-key'] },
  });
  const server: Server = provider.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Plays the browser: follows the API's redirect to the provider, signs in as `login` on its
 * screens, consents, and returns the API callback's answer.
 */
export async function signInAtProvider(apiBaseUrl: string, login: string): Promise<{ status: number; body: unknown }> {
  const cookies = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const index = pair.indexOf('=');
      cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
    return response;
  };
  let response = await go(`${apiBaseUrl}/auth/oidc/login`);
  for (let step = 0; step < 12; step++) {
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, response.url || apiBaseUrl).toString();
      if (next.startsWith(apiBaseUrl)) {
        const answer = await fetch(next, { redirect: 'manual' });
        return { status: answer.status, body: await answer.json().catch(() => undefined) };
      }
      response = await go(next);
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(page)?.[1];
    if (!action || !prompt)
      throw new Error(`unexpected page at the provider (${response.status}): ${page.slice(0, 400)}`);
    const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login, password: 'any' } : {}) });
    response = await go(new URL(action, response.url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  }
  throw new Error('the sign-in at the provider did not come back to the API');
}
