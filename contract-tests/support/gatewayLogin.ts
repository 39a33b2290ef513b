import type { IonApiFile } from '../../src/gateway/ionApiFile';

/** A token from the file's token endpoint by the password grant, the client in the form, as a plain app asks for one. */
export async function passwordToken(file: IonApiFile): Promise<string> {
  const response = await fetch(file.pu + file.ot, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      username: file.saak!,
      password: file.sask!,
      client_id: file.ci,
      client_secret: file.cs,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
