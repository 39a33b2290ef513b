import fc from 'fast-check';
import { createWorld } from '../data/world';
import { AuthServer } from './authServer';
import { gatewayUsers, type GatewayUser } from './users';

const form = 'application/x-www-form-urlencoded';
const users = gatewayUsers(42, 'ACME_TST', createWorld(42, 0).people);
const [admin, processAdmin] = users as [GatewayUser, GatewayUser, GatewayUser];

/** An authorization server on a clock of the test's. */
function server(lifetimeSeconds = 60, capacity?: number) {
  let now = 1_000_000;
  const auth = new AuthServer(users, { tenant: 'ACME_TST', lifetimeSeconds, now: () => now, capacity });
  return { auth, pass: (seconds: number) => (now += seconds * 1000) };
}

const basic = (user: GatewayUser, secret = user.clientSecret) =>
  `Basic ${btoa(`${encodeURIComponent(user.clientId)}:${encodeURIComponent(secret)}`)}`;
const body = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const passwordOf = (user: GatewayUser) =>
  body({ grant_type: 'password', username: user.serviceAccountKey, password: user.serviceAccountSecret });
const bearer = (token: unknown) => `Bearer ${String(token)}`;

describe("the gateway's authorization server", () => {
  it('gives a service account a token and a refresh token by the password grant, the client by Basic or in the form', () => {
    const { auth } = server();
    const byBasic = auth.token(form, passwordOf(admin), basic(admin));
    expect(byBasic).toMatchObject({
      status: 200,
      body: { token_type: 'Bearer', expires_in: 60 },
      headers: { 'Cache-Control': 'no-store' },
    });
    expect(byBasic.body!.refresh_token).toEqual(expect.any(String));
    const inForm = auth.token(
      `${form}; charset=utf-8`,
      `${passwordOf(admin)}&${body({ client_id: admin.clientId, client_secret: admin.clientSecret })}`,
      undefined,
    );
    expect(inForm.status).toBe(200);
    expect(auth.authenticate(bearer(byBasic.body!.access_token))).toEqual({ user: admin });
    expect(auth.authenticate(bearer(inForm.body!.access_token))).toEqual({ user: admin });
  });

  it('gives a backend app a token by client credentials, without a refresh token', () => {
    const { auth } = server();
    const answer = auth.token(form, body({ grant_type: 'client_credentials' }), basic(processAdmin));
    expect(answer.status).toBe(200);
    expect(answer.body!.refresh_token).toBeUndefined();
    expect(auth.authenticate(bearer(answer.body!.access_token))).toEqual({ user: processAdmin });
  });

  it('refuses with the OAuth 2.0 error and status each wrong request deserves', () => {
    const { auth } = server();
    const cases: [string | undefined, string, string | undefined, number, string][] = [
      [form, passwordOf(admin), basic(admin, 'wrong'), 401, 'invalid_client'],
      [form, passwordOf(admin), undefined, 401, 'invalid_client'],
      [form, `${passwordOf(admin)}&client_id=${encodeURIComponent(admin.clientId)}`, undefined, 401, 'invalid_client'],
      [form, passwordOf(admin), 'Basic !!!', 401, 'invalid_client'],
      [form, `${passwordOf(admin)}&client_id=x&client_secret=y`, basic(admin), 400, 'invalid_request'],
      [form, passwordOf(processAdmin), basic(admin), 400, 'invalid_grant'],
      [form, body({ grant_type: 'password', username: admin.serviceAccountKey }), basic(admin), 400, 'invalid_request'],
      [form, body({ grant_type: 'authorization_code', code: 'x' }), basic(admin), 400, 'unsupported_grant_type'],
      [form, body({}), basic(admin), 400, 'invalid_request'],
      [form, body({ grant_type: 'refresh_token', refresh_token: 'nope' }), basic(admin), 400, 'invalid_grant'],
      ['application/json', JSON.stringify({ grant_type: 'client_credentials' }), basic(admin), 400, 'invalid_request'],
    ];
    for (const [type, text, authorization, status, error] of cases) {
      const answer = auth.token(type, text, authorization);
      expect({ status: answer.status, error: answer.body?.error }).toEqual({ status, error });
      if (status === 401) expect(answer.headers['WWW-Authenticate']).toBe('Basic realm="ACME_TST"');
    }
  });

  it('never repeats a secret it was sent in what it answers', () => {
    const { auth } = server();
    fc.assert(
      fc.property(
        fc.string({ minLength: 8 }),
        fc.constantFrom('password', 'client_credentials', 'refresh_token', 'other'),
        (secret, grant) => {
          const text = body({
            grant_type: grant,
            username: secret,
            password: secret,
            refresh_token: secret,
            client_id: admin.clientId,
            client_secret: secret,
          });
          const answer = auth.token(form, text, undefined);
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(JSON.stringify(answer)).not.toContain(secret);
        },
      ),
    );
  });

  it('lets a token in until its lifetime has passed, then answers why', () => {
    const { auth, pass } = server(10);
    const token = auth.token(form, body({ grant_type: 'client_credentials' }), basic(admin)).body!.access_token;
    pass(9.9);
    expect(auth.authenticate(bearer(token))).toEqual({ user: admin });
    pass(0.1);
    expect(auth.authenticate(bearer(token))).toEqual({ refused: 'expired' });
    expect(auth.authenticate(undefined)).toEqual({ refused: 'missing' });
    expect(auth.authenticate('Basic abc')).toEqual({ refused: 'missing' });
  });

  it('lets in no token it did not issue', () => {
    const { auth } = server();
    auth.token(form, body({ grant_type: 'client_credentials' }), basic(admin));
    fc.assert(
      fc.property(fc.stringMatching(/^\S{1,64}$/), (guess) => expect(auth.authenticate(bearer(guess))).toEqual({ refused: 'invalid' })),
    );
  });

  it('rotates refresh tokens: each serves once, and a revoked one serves never, nor its access tokens', () => {
    const { auth } = server();
    const first = auth.token(form, passwordOf(admin), basic(admin)).body!;
    const second = auth.token(form, body({ grant_type: 'refresh_token', refresh_token: String(first.refresh_token) }), basic(admin));
    expect(second.status).toBe(200);
    const again = auth.token(form, body({ grant_type: 'refresh_token', refresh_token: String(first.refresh_token) }), basic(admin));
    expect(again.body?.error).toBe('invalid_grant');
    // Another app cannot use it, nor revoke it.
    const stolen = auth.token(
      form,
      body({ grant_type: 'refresh_token', refresh_token: String(second.body!.refresh_token) }),
      basic(processAdmin),
    );
    expect(stolen.body?.error).toBe('invalid_grant');
    expect(auth.revoke(form, body({ token: String(second.body!.refresh_token) }), basic(processAdmin)).status).toBe(200);
    expect(auth.authenticate(bearer(second.body!.access_token))).toEqual({ user: admin });
    // Its own app logs out: the refresh token and the access token issued with it are gone.
    expect(
      auth.revoke(form, body({ token: String(second.body!.refresh_token), token_type_hint: 'refresh_token' }), basic(admin)),
    ).toMatchObject({
      status: 200,
      body: {},
    });
    expect(auth.authenticate(bearer(second.body!.access_token))).toEqual({ refused: 'invalid' });
    const afterRevoke = auth.token(
      form,
      body({ grant_type: 'refresh_token', refresh_token: String(second.body!.refresh_token) }),
      basic(admin),
    );
    expect(afterRevoke.body?.error).toBe('invalid_grant');
  });

  it('revokes an access token alone, answers 200 for one it does not know, and wants the client and the token', () => {
    const { auth } = server();
    const token = auth.token(form, body({ grant_type: 'client_credentials' }), basic(admin)).body!.access_token;
    expect(auth.revoke(form, body({ token: 'unknown' }), basic(admin)).status).toBe(200);
    expect(auth.revoke(form, body({ token: String(token) }), basic(admin)).status).toBe(200);
    expect(auth.authenticate(bearer(token))).toEqual({ refused: 'invalid' });
    expect(auth.revoke(form, body({}), basic(admin)).body?.error).toBe('invalid_request');
    expect(auth.revoke(form, body({ token: 'x' }), undefined).body?.error).toBe('invalid_client');
  });

  it('holds a bounded number of tokens, the oldest going first', () => {
    const { auth } = server(60, 5);
    const tokens = Array.from(
      { length: 20 },
      () => auth.token(form, body({ grant_type: 'client_credentials' }), basic(admin)).body!.access_token,
    );
    expect(tokens.filter((token) => 'user' in auth.authenticate(bearer(token)))).toEqual(tokens.slice(-5));
  });

  it('gives the same credentials for the same seed and tenant, and other ones for another', () => {
    const people = createWorld(7, 0).people;
    expect(gatewayUsers(7, 'ACME_TST', people)).toEqual(gatewayUsers(7, 'ACME_TST', people));
    const other = gatewayUsers(7, 'ACME_PRD', people);
    for (const [i, user] of gatewayUsers(7, 'ACME_TST', people).entries()) {
      expect(user.clientSecret).not.toBe(other[i]!.clientSecret);
      expect(user.person.rpa_role).toBe(['RPA-Admin', 'RPA-Process_Admin', 'RPA-User'][i]);
    }
  });
});
