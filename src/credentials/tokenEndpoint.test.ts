import { IonApiError } from './ionApi';
import { fakeTokenEndpoint, testCredentials as credentials } from './testing/fakeTokenEndpoint';
import { fetchToken, requestToken, TokenRefusedError } from './tokenEndpoint';

describe('fetchToken', () => {
  it('uses the password grant for a service account', async () => {
    const endpoint = await fakeTokenEndpoint(() => ({
      status: 200,
      body: { access_token: 'tok-1', token_type: 'Bearer', expires_in: 7200 },
    }));
    try {
      expect(await fetchToken(credentials(endpoint.pu, true), 5000)).toBe('tok-1');
      expect(Object.fromEntries(endpoint.received[0]!)).toEqual({
        grant_type: 'password',
        username: 'ACME_TST#service-access-key',
        password: 'service-secret-key',
        client_id: 'ACME_TST~client',
        client_secret: 'client-secret-value',
      });
    } finally {
      await endpoint.close();
    }
  });

  it('uses client credentials without a service account', async () => {
    const endpoint = await fakeTokenEndpoint(() => ({ status: 200, body: { access_token: 'tok-2' } }));
    try {
      expect(await fetchToken(credentials(endpoint.pu, false), 5000)).toBe('tok-2');
      expect(endpoint.received[0]!.get('grant_type')).toBe('client_credentials');
    } finally {
      await endpoint.close();
    }
  });

  it('reports refused credentials and unreachable endpoints without secrets', async () => {
    const endpoint = await fakeTokenEndpoint(() => ({ status: 401, body: { error: 'invalid_client', error_description: 'bad client' } }));
    try {
      const error = await fetchToken(credentials(endpoint.pu, true), 5000).catch((e: Error) => e);
      expect(error).toBeInstanceOf(IonApiError);
      expect((error as Error).message).toMatch(/refused the credentials \(401, invalid_client: bad client\)/);
      expect((error as Error).message).not.toMatch(/secret/);
    } finally {
      await endpoint.close();
    }
    const unreachable = await fetchToken(credentials('http://127.0.0.1:1/', false), 2000).catch((e: Error) => e);
    expect((unreachable as Error).message).toMatch(/cannot be reached/);
  });
  it('masks the credentials an endpoint echoes in error_description', async () => {
    const endpoint = await fakeTokenEndpoint((form) => ({
      status: 400,
      body: {
        error: 'invalid_grant',
        error_description: `no user ${form.get('username')} with password ${form.get('password')} for ${form.toString()}`,
      },
    }));
    try {
      const error = (await fetchToken(credentials(endpoint.pu, true), 5000).catch((e: Error) => e)) as Error;
      expect(error.message).toMatch(/refused the credentials \(400, invalid_grant: no user \*\*\* with password \*\*\* for /);
      for (const secret of ['ACME_TST#service-access-key', 'service-secret-key', 'client-secret-value', 'ACME_TST~client'])
        for (const form of [secret, encodeURIComponent(secret)]) expect(error.message).not.toContain(form);
    } finally {
      await endpoint.close();
    }
  });
});

describe('requestToken', () => {
  it('reads expires_in and refresh_token, and sends the refresh-token grant', async () => {
    const endpoint = await fakeTokenEndpoint((form) => ({
      status: 200,
      body:
        form.get('grant_type') === 'refresh_token'
          ? { access_token: 'tok-4', token_type: 'Bearer', expires_in: '300' }
          : { access_token: 'tok-3', token_type: 'Bearer', expires_in: 600, refresh_token: 'refresh-1' },
    }));
    try {
      const first = await requestToken(credentials(endpoint.pu, false), 'credentials', 5000);
      expect(first).toEqual({ accessToken: 'tok-3', expiresIn: 600, refreshToken: 'refresh-1' });
      // A numeric string counts; no refresh token in the answer: none issued this time.
      const second = await requestToken(credentials(endpoint.pu, false), { refreshToken: 'refresh-1' }, 5000);
      expect(second).toEqual({ accessToken: 'tok-4', expiresIn: 300, refreshToken: undefined });
      expect(Object.fromEntries(endpoint.received[1]!)).toEqual({
        grant_type: 'refresh_token',
        refresh_token: 'refresh-1',
        client_id: 'ACME_TST~client',
        client_secret: 'client-secret-value',
      });
    } finally {
      await endpoint.close();
    }
  });

  it('tells a refusal from an endpoint that cannot be reached, and an absent lifetime from a given one', async () => {
    const endpoint = await fakeTokenEndpoint((form) =>
      form.get('grant_type') === 'refresh_token'
        ? { status: 400, body: { error: 'invalid_grant' } }
        : { status: 200, body: { access_token: 'tok-5', expires_in: 'soon' } },
    );
    try {
      expect((await requestToken(credentials(endpoint.pu, false), 'credentials', 5000)).expiresIn).toBeUndefined();
      const refused = await requestToken(credentials(endpoint.pu, false), { refreshToken: 'refresh-2' }, 5000).catch((e: Error) => e);
      expect(refused).toBeInstanceOf(TokenRefusedError);
      expect((refused as Error).message).toMatch(/refused the credentials \(400, invalid_grant\)/);
    } finally {
      await endpoint.close();
    }
    const unreachable = await requestToken(credentials('http://127.0.0.1:1/', false), 'credentials', 2000).catch((e: Error) => e);
    expect(unreachable).toBeInstanceOf(IonApiError);
    expect(unreachable).not.toBeInstanceOf(TokenRefusedError);
  });
});
