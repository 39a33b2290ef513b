import { rpaRoles } from '../data/catalog';
import { hashString, hashWords } from '../data/hash';
import type { Person } from '../data/world';

/** An RPA role of the tenant, as the documentation names them. */
export type RpaRole = (typeof rpaRoles)[number];

/**
 * A user of the mock's gateway: a person of the seed's world with an RPA role, and the
 * credentials of the one authorized app (`.ionapi` file) that logs in as them.
 */
export interface GatewayUser {
  /** How `rpa-mock ionapi --user` names it. */
  key: UserKey;
  person: Person;
  /** Client id and secret of the app (`ci`, `cs`). */
  clientId: string;
  clientSecret: string;
  /** The service account's access and secret key (`saak`, `sask`): the password grant's username and password. */
  serviceAccountKey: string;
  serviceAccountSecret: string;
}

export const userKeys = ['admin', 'process-admin', 'user'] as const;
export type UserKey = (typeof userKeys)[number];

/** The role each user holds, by its key. */
export const roleOfUser: Record<UserKey, RpaRole> = { admin: 'RPA-Admin', 'process-admin': 'RPA-Process_Admin', user: 'RPA-User' };

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A credential of the mock's own, the same for the same seed, tenant and user: a `.ionapi` file
 * written once keeps working across restarts. Not a secret from anyone who knows the seed, which
 * is what a mock's credentials are for.
 */
function credential(seed: number, tenant: string, key: UserKey, field: string, length: number): string {
  const words = [seed, hashString(tenant), hashString(key), hashString(field)];
  return Array.from({ length }, (_, i) => alphabet[hashWords([...words, i]) % alphabet.length]).join('');
}

/**
 * The mock's users for a tenant: one per RPA role, each the first person of the world who holds it.
 * `gatewayUsers(42, 'ACME_TST', createWorld(42, now).people)`.
 */
export function gatewayUsers(seed: number, tenant: string, people: readonly Person[]): GatewayUser[] {
  return userKeys.map((key) => {
    const role = roleOfUser[key];
    const person = people.find((candidate) => candidate.rpa_role === role) ?? people[0]!;
    return {
      key,
      person: { ...person, rpa_role: role },
      clientId: `${tenant}~${credential(seed, tenant, key, 'ci', 43)}`,
      clientSecret: credential(seed, tenant, key, 'cs', 86),
      serviceAccountKey: `${tenant}#${credential(seed, tenant, key, 'saak', 86)}`,
      serviceAccountSecret: credential(seed, tenant, key, 'sask', 86),
    };
  });
}
