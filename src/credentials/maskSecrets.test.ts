import { sweep } from '../data/testing/sweep';
import fc from 'fast-check';
import { escapeXml } from '../text/escapeXml';
import { maskSecrets, maskSecretsIn } from './maskSecrets';

describe('maskSecrets', () => {
  it('masks a secret of 4 characters or more wherever it appears', () => {
    expect(maskSecrets('token abcd and xabcdx', ['abcd'])).toBe('token *** and x***x');
  });

  it('masks a short secret where it stands as a whole value, not every letter of the text', () => {
    const text = 'GET /jobs?access_token=a&x=1 with a run\nAuthorization: Bearer a\n{"token":"a","note":"a day"}\nname=&quot;a&quot;';
    expect(maskSecrets(text, ['a'])).toBe(
      'GET /jobs?access_token=***&x=1 with a run\nAuthorization: Bearer ***\n{"token":"***","note":"a day"}\nname=&quot;***&quot;',
    );
    expect(maskSecrets('{"t":"xy"} xy', ['xy'])).toBe('{"t":"***"} xy');
  });

  it('masks every escaped form a report writes: JSON, XML, XML of JSON, URL- and form-encoded', () => {
    const secret = 'to"<&k n';
    const json = JSON.stringify({ detail: `bad ${secret}` });
    const xml = escapeXml(json);
    const text = [json, xml, escapeXml(secret), encodeURIComponent(secret), new URLSearchParams({ t: secret }).toString()].join('\n');
    const masked = maskSecrets(text, [secret]);
    expect(masked).toBe(['{"detail":"bad ***"}', '{&quot;detail&quot;:&quot;bad ***&quot;}', '***', '***', 't=***'].join('\n'));
    expect(maskSecrets(JSON.stringify({ t: '"<&' }), ['"<&'])).toBe('{"t":"***"}');
    expect(maskSecrets(escapeXml(JSON.stringify({ t: '"<&' })), ['"<&'])).toBe('{&quot;t&quot;:&quot;***&quot;}');
  });

  it('masks bearer tokens nobody named, and ignores empty secrets', () => {
    expect(maskSecrets('Authorization: Bearer eyJhbGciOi.xyz', [undefined, ''])).toBe('Authorization: Bearer ***');
  });

  it('masks the strings of a report before it is shortened for display', () => {
    const report = { checks: [{ actual: `${'x'.repeat(115)}secret-token`, n: 3 }] };
    expect(maskSecretsIn(report, ['secret-token'])).toEqual({ checks: [{ actual: `${'x'.repeat(115)}***`, n: 3 }] });
  });

  it('never lets a quoted secret of any length through, in any written form', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), (secret) => {
        // The mask itself is made of '*'.
        fc.pre(secret.trim() !== '' && !secret.includes('*') && ![...secret].some((c) => c < ' '));
        const json = JSON.stringify({ access_token: secret });
        for (const written of [json, escapeXml(json), `token=${encodeURIComponent(secret)}`]) {
          const masked = maskSecrets(written, [secret]);
          expect(masked).not.toContain(`"${secret}"`);
          expect(masked).not.toContain(`:${JSON.stringify(secret)}`);
          expect(masked).not.toContain(`&quot;${escapeXml(JSON.stringify(secret).slice(1, -1))}&quot;`);
          expect(masked).not.toContain(`=${encodeURIComponent(secret)}`);
        }
      }),
      { numRuns: sweep(500, 20_000) },
    );
  });
});
