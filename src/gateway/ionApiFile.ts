import { roleOfUser, type GatewayUser } from './users';

/** The paths of the authorization server under `/<tenant>/as/`, as an `.ionapi` file's `ot` and `or` name them. */
export const tokenPath = 'token.oauth2';
export const revokePath = 'revoke_token.oauth2';

/** An `.ionapi` credentials file, with every key the ION API gateway's Authorized Apps page writes. */
export interface IonApiFile {
  ti: string;
  cn: string;
  dt: string;
  ci: string;
  cs: string;
  iu: string;
  pu: string;
  oa: string;
  ot: string;
  or: string;
  ev: string;
  v: string;
  saak?: string;
  sask?: string;
}

/**
 * The `.ionapi` file of a user of the mock's gateway at `origin` (`http://127.0.0.1:4010`): `iu` is
 * the origin (the API base is `iu/ti/RPA`), `pu` its authorization server. `password` (the
 * default) makes it a service account's file (`saak`/`sask`, the password grant);
 * `client-credentials` a backend app's.
 */
export function ionApiFileOf(
  user: GatewayUser,
  tenant: string,
  origin: string,
  grant: 'password' | 'client-credentials' = 'password',
): IonApiFile {
  const base = origin.replace(/\/+$/, '');
  const file: IonApiFile = {
    ti: tenant,
    cn: `rpa-mock ${roleOfUser[user.key]} (${user.person.display_name})`,
    // `dt` and `ev` are in every file the gateway writes; their meaning is not documented.
    dt: '12',
    ci: user.clientId,
    cs: user.clientSecret,
    iu: base,
    pu: `${base}/${tenant}/as/`,
    oa: 'authorization.oauth2',
    ot: tokenPath,
    or: revokePath,
    ev: 'rpa-mock',
    v: '1.0',
  };
  if (grant === 'password') {
    file.saak = user.serviceAccountKey;
    file.sask = user.serviceAccountSecret;
  }
  return file;
}
