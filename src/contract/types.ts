import type { Job, Process } from '../spec/types';
import type { Operation } from '../spec/operations';
import type { OperationValidator } from '../validator';
import type { Send } from './httpClient';
import type { Diagnosis } from './diagnose/diagnosis';
import type { RootCause } from './diagnose/rootCause';
import type { ContractOptions } from './options';
import type { Coverage, CoverageRecorder } from './coverage';

/** One thing a check found wrong: a failure, or a warning that does not fail the run. */
export interface Finding {
  severity: 'failure' | 'warning';
  message: string;
  /** The request that showed it: `GET https://…/api/v1/rpa/jobs/… → 200`. */
  request?: string;
  pointer?: string;
  rule?: string;
  expected?: string;
  actual?: unknown;
  /** A guess at the cause, such as a renamed field. */
  hint?: string;
  /** The rule belongs to a part of the spec the documentation did not settle (x-inferred). */
  inferred?: boolean;
  /** The root cause this finding stands for (see ContractReport.rootCauses), named once in the report. */
  cause?: string;
}

export type CheckOutcome = 'passed' | 'failed' | 'warning' | 'skipped' | 'error';

export interface CheckResult {
  id: string;
  operationId: string;
  title: string;
  outcome: CheckOutcome;
  findings: Finding[];
  /** Why the check was skipped or could not run. */
  reason?: string;
  durationMs: number;
}

export interface ContractReport {
  baseUrl: string;
  environment: string;
  startedAt: string;
  durationMs: number;
  checks: CheckResult[];
  /** Each departure of the server named once: a naming convention, an envelope, a spelling … */
  rootCauses: RootCause[];
  summary: Record<CheckOutcome, number>;
  /** How much the run saw: jobs listed, jobs fetched by id, processes listed. */
  sampled: { jobs: number; jobsById: number; processes: number };
  /** What the run exercised: operations × statuses seen, documented fields seen with a value. */
  coverage: Coverage;
}

/** What the checks share: the spec, the client, and what earlier checks saw. */
export interface CheckContext {
  options: ContractOptions;
  send: Send;
  operations: Map<string, Operation>;
  validators: Map<string, OperationValidator>;
  /** The spec's component schemas, where an x-inferred mark above stops holding (see locateNode). */
  components: ReadonlySet<object>;
  /** Jobs seen in lists, by id, in list order. */
  listed: Map<string, Job>;
  /** Jobs fetched by id. */
  fetched: Map<string, Job>;
  /** Processes seen in the process list, by id in lower case. */
  processes: Map<string, Process>;
  /** The environment id the first non-empty list carried. */
  environmentId?: string;
  /** What the answers showed about the server's habits, named as root causes at the end. */
  diagnosis: Diagnosis;
  /** What every answer of the run exercised of the contract. */
  coverage: CoverageRecorder;
  /** The check running now, which the diagnosis credits with what it sees. */
  currentCheck: string;
}

/** A check: runs its requests and returns what it found; throws SkipCheck when it cannot apply. */
export interface Check {
  id: string;
  operationId: string;
  title: string;
  run(context: CheckContext): Promise<Finding[]>;
}

export class SkipCheck extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SkipCheck';
  }
}
