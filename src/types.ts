/**
 * `rpa-mock/types`: the wire types of the RPA Jobs API, generated from the spec, with no runtime code,
 * for frontends: `import type { Job, paths } from 'rpa-mock/types'`.
 */
export type { paths, components, operations } from './spec/openapi.gen';
export type {
  Job,
  JobList,
  JobInstance,
  JobStatus,
  JobType,
  InstanceStatus,
  Schedule,
  ExecuteRequest,
  Process,
  ProcessList,
  ProcessVersion,
  ProcessVersionStatus,
  Problem,
  WireViolation as Violation,
  OperationId,
} from './spec/types';
