import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { baseUrlOf, IonApiError, readIonApi } from './ionApi';
import { testCredentials as credentials } from './testing/fakeTokenEndpoint';

const dir = mkdtempSync(path.join(tmpdir(), 'rpa-ionapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
