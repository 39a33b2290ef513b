import type { Observation } from '../diagnose/observation';
import type { NodeSummary } from '../learn/nodeSummaries';

type Raw = Record<string, unknown>;

/** What calibration saw, in the terms the actions need. */
export interface Sample {
  /** The plain spec (not dereferenced), for copying schemas. */
  raw: Raw;
  /** Home of each dereferenced schema object in `raw`. */
  homes: WeakMap<object, string[]>;
  /** What reading the answers showed, each distinct observation once (see ObservationLog)… */
  observations: Observation[];
  /** …and how many times it was made. */
  count: (observation: Observation) => number;
  /** Each operation's error responses as the plain document places them: operationId → status → path. */
  errorHomes: Map<string, Map<number, string[]>>;
  /** The operations, to place what is learned per operation (paging). */
  operations: { operationId: string; method: string; pathTemplate: string }[];
  /** What the learner saw at inferred nodes (see NodeSummaries), one summary per node and departure. */
  learned: NodeSummary[];
}
