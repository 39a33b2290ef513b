import { CredentialsInUrlError, refuseUrlCredentials } from './refuseUrlCredentials';

describe('refuseUrlCredentials', () => {
  it('refuses a user and password before the host, without repeating them', () => {
    for (const url of ['http://user:pass@host', 'https://tok3n@gw.example.com/ACME/RPA', 'user:pass@host/x', '//u:p@host']) {
      const error = (() => {
        try {
          refuseUrlCredentials(url, '--base-url');
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error).toBeInstanceOf(CredentialsInUrlError);
      expect(error!.message).toBe('--base-url must not carry credentials (user:password@ before the host): use --token or --ionapi');
    }
  });

  it('accepts URLs whose @ is in the path, query or fragment', () => {
    for (const url of ['http://127.0.0.1:4010', 'https://gw.example.com/ACME@TST/RPA', 'http://host?mail=a@b', 'http://host#@x'])
      expect(() => refuseUrlCredentials(url, '--upstream')).not.toThrow();
  });
});
