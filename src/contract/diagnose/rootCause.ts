/** One departure of the server from the spec, named once for the whole run, however many values show it. */
export interface RootCause {
  /** Stable key: `naming`, `envelope`, `enum-spelling:upper case`, `type:string→number` … */
  key: string;
  message: string;
  severity: 'failure' | 'warning';
  /** The rule departed from is one the documentation did not settle (x-inferred). */
  inferred: boolean;
  /** Every instance, most telling first: `jobName for job_name`. */
  examples: string[];
  /** The checks whose answers showed it. */
  checks: string[];
}
