import { SetupError } from '../errors/setupError';
import { fakeTokenEndpoint, testCredentials } from './testing/fakeTokenEndpoint';
import { sendWithToken, staticToken, tokenSource } from './tokenSource';

/** A clock the test moves by hand. */
function handClock(start = 0) {
  let now = start;
  return { now: () => now, set: (ms: number) => void (now = ms) };
}

/** An endpoint that numbers what it issues: tok-1, tok-2 … and, with `refresh`, refresh-1, refresh-2 … */
async function numberingEndpoint(body: (n: number, form: URLSearchParams) => { status?: number; body: Record<string, unknown> }) {
  let issued = 0;
  return fakeTokenEndpoint((form) => {
    const answer = body(issued + 1, form);
    if ((answer.status ?? 200) === 200) issued += 1;
    return { status: answer.status ?? 200, body: answer.body };
  });
}

describe('tokenSource', () => {
  it('gets a token on first use and renews it before it expires: a fifth of a short lifetime early, a minute of a long one', async () => {
    const lifetimes = [100, 3600];
    const endpoint = await numberingEndpoint((n) => ({ body: { access_token: `tok-${n}`, expires_in: lifetimes[n - 1] ?? 3600 } }));
    const clock = handClock();
    const tokens = tokenSource(testCredentials(endpoint.pu, false), { timeoutMs: 5000, now: clock.now });
    try {
      expect(endpoint.received).toHaveLength(0);
      expect(await tokens.current()).toBe('tok-1');
      clock.set(79_999);
      expect(await tokens.current()).toBe('tok-1');
      // 100 s: renewed 20 s before it runs out.
      clock.set(80_000);
      expect(await tokens.current()).toBe('tok-2');
      // 3600 s: renewed 60 s before it runs out.
      clock.set(80_000 + 3_539_999);
      expect(await tokens.current()).toBe('tok-2');
      clock.set(80_000 + 3_540_000);
      expect(await tokens.current()).toBe('tok-3');
      expect(endpoint.received.map((form) => form.get('grant_type'))).toEqual([
        'client_credentials',
        'client_credentials',
        'client_credentials',
      ]);
    } finally {
      await endpoint.close();
    }
  });

  it('keeps a token of unknown lifetime until the server refuses it', async () => {
    const endpoint = await numberingEndpoint((n) => ({ body: { access_token: `tok-${n}` } }));
    const clock = handClock();
    const tokens = tokenSource(testCredentials(endpoint.pu, true), { timeoutMs: 5000, now: clock.now });
    try {
      expect(await tokens.current()).toBe('tok-1');
      clock.set(10 * 365 * 86_400_000);
      expect(await tokens.current()).toBe('tok-1');
      expect(await tokens.renew('tok-1')).toEqual({ token: 'tok-2', borrowed: false });
      // A caller still holding the refused one gets the newer token, with no request.
      expect(await tokens.renew('tok-1')).toEqual({ token: 'tok-2', borrowed: true });
      expect(endpoint.received).toHaveLength(2);
    } finally {
      await endpoint.close();
    }
  });

  it("renews by the refresh-token grant, keeps a refresh token not reissued, and falls back to the file's grant when it is refused", async () => {
    let refreshes = 0;
    const endpoint = await numberingEndpoint((n, form) => {
      if (form.get('grant_type') !== 'refresh_token')
        return { body: { access_token: `tok-${n}`, expires_in: 10, refresh_token: `refresh-${n}` } };
      refreshes += 1;
      return refreshes === 1 ? { body: { access_token: `tok-${n}`, expires_in: 10 } } : { status: 400, body: { error: 'invalid_grant' } };
    });
    const clock = handClock();
    const tokens = tokenSource(testCredentials(endpoint.pu, true), { timeoutMs: 5000, now: clock.now });
    try {
      expect(await tokens.current()).toBe('tok-1');
      clock.set(8_000);
      expect(await tokens.current()).toBe('tok-2');
      clock.set(16_000);
      expect(await tokens.current()).toBe('tok-3');
      expect(endpoint.received.map((form) => [form.get('grant_type'), form.get('refresh_token')])).toEqual([
        ['password', null],
        ['refresh_token', 'refresh-1'],
        ['refresh_token', 'refresh-1'],
        ['password', null],
      ]);
    } finally {
      await endpoint.close();
    }
  });

  it('shares one renewal among concurrent callers (single flight)', async () => {
    const endpoint = await numberingEndpoint((n) => ({ body: { access_token: `tok-${n}`, expires_in: 60 } }));
    const clock = handClock();
    const tokens = tokenSource(testCredentials(endpoint.pu, false), { timeoutMs: 5000, now: clock.now });
    try {
      expect(await Promise.all(Array.from({ length: 5 }, () => tokens.current()))).toEqual(Array(5).fill('tok-1'));
      expect(endpoint.received).toHaveLength(1);
      clock.set(60_000);
      expect(await Promise.all(Array.from({ length: 5 }, () => tokens.current()))).toEqual(Array(5).fill('tok-2'));
      expect(endpoint.received).toHaveLength(2);
      // Five requests refused with the same token: one renewal.
      const renewals = await Promise.all(Array.from({ length: 5 }, () => tokens.renew('tok-2')));
      expect(renewals.map((renewal) => renewal?.token)).toEqual(Array(5).fill('tok-3'));
      expect(endpoint.received).toHaveLength(3);
    } finally {
      await endpoint.close();
    }
  });

  it('reports credentials refused on renewal as a SetupError without a secret, and tries again on the next call', async () => {
    let refusing = false;
    // An endpoint that echoes everything it was sent, as some do in error_description.
    const endpoint = await numberingEndpoint((n, form) =>
      refusing
        ? {
            status: form.get('grant_type') === 'refresh_token' ? 400 : 401,
            body: {
              error: form.get('grant_type') === 'refresh_token' ? 'invalid_grant' : 'invalid_client',
              error_description: form.toString(),
            },
          }
        : { body: { access_token: `tok-${n}-0123456789`, refresh_token: `refresh-${n}-0123456789` } },
    );
    const credentials = testCredentials(endpoint.pu, true);
    const tokens = tokenSource(credentials, { timeoutMs: 5000 });
    try {
      const first = await tokens.current();
      refusing = true;
      const error = (await tokens.renew(first).catch((e: Error) => e)) as Error;
      expect(error).toBeInstanceOf(SetupError);
      expect(error.message).toMatch(
        /^credentials rejected while renewing the token: the token endpoint http:\/\/127\.0\.0\.1:\d+\/ACME_TST\/as\/token\.oauth2 refused the credentials \(401, invalid_client: /,
      );
      const secrets = [credentials.ci, credentials.cs, credentials.saak!, credentials.sask!, first, 'refresh-1-0123456789'];
      for (const secret of secrets) for (const form of [secret, encodeURIComponent(secret)]) expect(error.message).not.toContain(form);
      expect(endpoint.received.map((form) => form.get('grant_type'))).toEqual(['password', 'refresh_token', 'password']);
      refusing = false;
      expect(await tokens.current()).toBe('tok-2-0123456789');
    } finally {
      await endpoint.close();
    }
  });

  it('lists the credentials and the newest 48 tokens issued for masking, in a list that grows as they are issued', async () => {
    const endpoint = await numberingEndpoint((n) => ({ body: { access_token: `tok-${n}`, refresh_token: `refresh-${n}` } }));
    const credentials = testCredentials(endpoint.pu, true);
    const tokens = tokenSource(credentials, { timeoutMs: 5000 });
    const secrets = tokens.secrets;
    try {
      expect(secrets).toEqual([credentials.ci, credentials.cs, credentials.saak, credentials.sask]);
      let token = await tokens.current();
      expect(secrets).toContain('tok-1');
      for (let i = 0; i < 30; i++) token = (await tokens.renew(token))!.token;
      expect(secrets).toHaveLength(4 + 48);
      expect(secrets.slice(0, 4)).toEqual([credentials.ci, credentials.cs, credentials.saak, credentials.sask]);
      expect(secrets).toContain('tok-31');
      expect(secrets).toContain('refresh-31');
      expect(secrets).not.toContain('tok-1');
    } finally {
      await endpoint.close();
    }
  });
});

describe('sendWithToken', () => {
  it('never lends a token that is due: a late refusal after its renewal time gets a new one', async () => {
    const endpoint = await numberingEndpoint((n) => ({ body: { access_token: `tok-${n}`, expires_in: 5 } }));
    const clock = handClock();
    const tokens = tokenSource(testCredentials(endpoint.pu, true), { timeoutMs: 5000, now: clock.now });
    try {
      expect(await tokens.current()).toBe('tok-1');
      expect(await tokens.renew('tok-1')).toEqual({ token: 'tok-2', borrowed: false });
      // tok-2 is due at 4 s: a request refused with tok-1 that answers at 4.5 s is not lent it.
      clock.set(4500);
      expect(await tokens.renew('tok-1')).toEqual({ token: 'tok-3', borrowed: false });
    } finally {
      await endpoint.close();
    }
  });

  it('renews once more when a borrowed token was used up on the way, but a refusal of its own renewal is final', async () => {
    const endpoint = await numberingEndpoint((n) => ({ body: { access_token: `tok-${n}` } }));
    const tokens = tokenSource(testCredentials(endpoint.pu, true), { timeoutMs: 5000 });
    try {
      await tokens.current();
      // Another request renewed tok-1 into tok-2, and tok-2 is used up too by the time this one sends it.
      await tokens.renew('tok-1');
      const refusedTokens = new Set(['tok-1', 'tok-2']);
      const sent: string[] = [];
      const borrowedThenFresh = await sendWithToken(
        { ...tokens, current: async () => 'tok-1' },
        async (token) => (sent.push(token), refusedTokens.has(token) ? 401 : 200),
        (status) => status === 401,
      );
      expect({ sent, ...borrowedThenFresh }).toEqual({ sent: ['tok-1', 'tok-2', 'tok-3'], answer: 200, renewable: true });
      // A server that refuses every token: one renewal for a token renewed for this very request.
      const refusing = await sendWithToken(
        tokens,
        async () => 401,
        (status) => status === 401,
      );
      expect(refusing).toEqual({ answer: 401, renewable: true });
      expect(endpoint.received).toHaveLength(4);
    } finally {
      await endpoint.close();
    }
  });
});

describe('staticToken', () => {
  it('sends the token given and cannot renew it', async () => {
    const tokens = staticToken('given-token');
    expect(await tokens.current()).toBe('given-token');
    expect(await tokens.renew('given-token')).toBeUndefined();
    expect(tokens.secrets).toEqual(['given-token']);
  });
});
