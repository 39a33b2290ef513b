import fc from 'fast-check';
import type { Coding } from './driftingMock';
import type { GatewayOptions } from './gatewayStandIn';
import type { TenantTrait } from './tenantFamily';

/** Ways of answering that conform: the verdict must stay a pass. */
const answerTraits: TenantTrait[] = [
  {
    name: 'charset on the media type',
    departs: false,
    answer: (p) => ({ ...p, contentType: `${p.contentType.split(';')[0]}; charset=utf-8` }),
  },
  {
    name: 'an extra field of changing type',
    departs: false,
    job: (job) => ({ ...job, tenant_code: [null, 'EU-West', 7, true][String(job.id).charCodeAt(0) % 4] }),
  },
];

const coded = (coding: Coding): TenantTrait => ({
  name: `${coding}-encoded answers`,
  departs: false,
  // Two codings stack in order (`Content-Encoding: gzip, br`), as RFC 9110 §8.4 allows.
  answer: (p) => ({ ...p, encodings: [...(p.encodings ?? []), coding] }),
});

/** Ways of sending the bytes that conform, as a server or a gateway in front may: the client undoes them. */
const wireTraits: TenantTrait[] = [
  coded('gzip'),
  coded('br'),
  coded('deflate'),
  { name: 'chunked answers', departs: false, answer: (p) => ({ ...p, chunked: true }) },
  {
    // 10 to 49 ms, the same for the same request: answers fetched four at a time come back out of order.
    name: 'answers tens of ms late',
    departs: false,
    answer: (p) => ({ ...p, delayMs: 10 + ([...`${p.method} ${p.path}`].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 9973, 7) % 40) }),
  },
];

export const conformingTraits = [...answerTraits, ...wireTraits];

/** The ION API gateway a tenant may sit behind: what it does to tokens. */
export type TenantGateway = Pick<GatewayOptions, 'expiresIn' | 'msPerRequest' | 'refreshTokens' | 'requestsPerToken'>;

/**
 * Gateways whose tokens last a few seconds by their clock (a second a request), half of them also
 * refusing a token after some uses, as one revoked early. Five seconds at least: a token outlives
 * the four requests in flight with it, as a real one outlives a round trip. Five uses at least: the
 * answers of one refusal come back apart (latency), and a late one's resend borrows the token
 * renewed for the first, which the other requests in flight may use up meanwhile: the kit then
 * renews once more (see sendWithToken).
 */
export const tenantGateway: fc.Arbitrary<TenantGateway> = fc.record({
  expiresIn: fc.integer({ min: 5, max: 10 }),
  msPerRequest: fc.constant(1000),
  refreshTokens: fc.boolean(),
  requestsPerToken: fc.option(fc.integer({ min: 5, max: 16 }), { nil: undefined, freq: 2 }),
});

export function gatewayName(gateway: TenantGateway): string {
  const uses = gateway.requestsPerToken === undefined ? '' : `, ${gateway.requestsPerToken} uses a token`;
  return ` behind a gateway (${gateway.expiresIn} s tokens${uses}, ${gateway.refreshTokens ? '' : 'no '}refresh tokens)`;
}
