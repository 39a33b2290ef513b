import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { baseUrlOf, fetchToken, IonApiError, readIonApi, type IonApiCredentials } from './ionApi';

const dir = mkdtempSync(path.join(tmpdir(), 'rpa-ionapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A local stand-in for the ION API gateway's token endpoint, recording what it was sent. */
async function fakeTokenEndpoint(answer: (form: URLSearchParams) => { status: number; body: unknown }) {
  const received: URLSearchParams[] = [];
  const server: Server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const form = new URLSearchParams(text);
      received.push(form);
      const { status, body } = answer(form);
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    pu: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ACME_TST/as/`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function credentials(pu: string, serviceAccount: boolean): IonApiCredentials {
  return {
    ti: 'ACME_TST',
    ci: 'ACME_TST~client',
    cs: 'client-secret-value',
    iu: 'https://mingle-ionapi.example.com/',
    pu,
    ot: 'token.oauth2',
    ...(serviceAccount ? { saak: 'ACME_TST#service-access-key', sask: 'service-secret-key' } : {}),
  };
}

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

describe('readIonApi', () => {
  it('reads a file and gives the tenant RPA base URL', async () => {
    const file = path.join(dir, 'good.ionapi');
    writeFileSync(
      file,
      JSON.stringify({ ...credentials('https://mingle-sso.example.com/ACME_TST/as/', true), cn: 'rpa-ci', v: '1.0', dt: '12', ev: 'U1' }),
    );
    const read = await readIonApi(file);
    expect(baseUrlOf(read)).toBe('https://mingle-ionapi.example.com/ACME_TST/RPA');
  });

  it('names what is wrong with a bad file', async () => {
    const missingKeys = path.join(dir, 'partial.ionapi');
    writeFileSync(missingKeys, JSON.stringify({ ti: 'ACME_TST', ci: 'x', cs: 'secret-value' }));
    await expect(readIonApi(missingKeys)).rejects.toThrow("lacks 'iu', 'pu', 'ot'");
    const notJson = path.join(dir, 'broken.ionapi');
    writeFileSync(notJson, '{ "ti": ');
    await expect(readIonApi(notJson)).rejects.toThrow('it is not JSON');
    await expect(readIonApi(path.join(dir, 'none.ionapi'))).rejects.toThrow('no such file');
  });

  it('refuses credentials in its iu or pu URL without repeating them', async () => {
    const file = path.join(dir, 'userinfo.ionapi');
    writeFileSync(file, JSON.stringify({ ...credentials('https://svc:hunter2@mingle-sso.example.com/ACME_TST/as/', true) }));
    const error = (await readIonApi(file).catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(IonApiError);
    expect(error.message).toMatch(/has credentials \(user:password@\) in its 'pu' URL/);
    expect(error.message).not.toContain('hunter2');
  });
});
