import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IonApiCredentials } from '../ionApi';

type Answer = { status: number; body: unknown };

/** A local stand-in for the ION API gateway's token endpoint, recording every form it was sent. */
export async function fakeTokenEndpoint(answer: (form: URLSearchParams) => Answer) {
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

/** Credentials of a test tenant whose token endpoint is at `pu`; with or without a service account. */
export function testCredentials(pu: string, serviceAccount: boolean): IonApiCredentials {
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
