import type { PagingScheme } from '../../spec/calibration/pagingScheme';

/**
 * What reading a body against its schema showed about the server's habits, before validation:
 * each a root-cause candidate. `field` is the documented field's path in dotted form
 * (`job_context.user_details.rpa_role`, `job_instances[].status`); `inferred` tells whether the
 * rule the server departs from is one the documentation did not settle (x-inferred). `owner` and
 * `node` are the schema objects concerned, for calibration to find them in the spec.
 */
export type Observation =
  | { kind: 'name'; field: string; canonical: string; found: string; alias: boolean; owner?: object }
  | { kind: 'extra'; field: string; name: string; value: unknown; owner: object }
  | { kind: 'null'; field: string; owner: object; property: string; inferred: boolean }
  /** `key`: where the tenant's items are (undefined: a bare array); `list`: the list schema departed from. */
  | { kind: 'envelope'; wrapper: string; items: number; key: string | undefined; list: object; inferred: boolean }
  | { kind: 'enum-spelling'; field: string; found: string; canonical: string; inferred: boolean; node?: object }
  | { kind: 'type'; field: string; expected: string; found: string; example: unknown; inferred: boolean; node?: object }
  | { kind: 'format'; field: string; format: string; found: string; example: unknown; inferred: boolean; node?: object }
  | { kind: 'summary-items'; missing: string[]; items: number; list: object; inferred: boolean }
  | { kind: 'media'; operationId: string; status: number; found: string; declared: string; inferred: boolean }
  | { kind: 'success-status'; operationId: string; expected: number; found: number; inferred: true }
  | { kind: 'error-shape'; operationId: string; status: number; problem: string; example: unknown; inferred: boolean }
  /** `complete`: every page was read (otherwise a warning says where reading stopped). */
  | { kind: 'paging'; operationId: string; scheme: PagingScheme; pages: number; items: number; complete: boolean; inferred: true }
  /** `page`: an HTML page (a login or portal page), `message` its title; otherwise an error object, `message` what it says. */
  | { kind: 'not-the-api'; operationId: string; status: number; message: string; page: boolean; inferred: false };

export type Observe = (observation: Observation) => void;
