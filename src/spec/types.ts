/** Wire types of the contract, generated from the spec by openapi-typescript (`npm run gen:types`). */
import type { components, operations } from './openapi.gen';

/** The operationIds of the spec: tables keyed by them cover every operation, and only those. */
export type OperationId = keyof operations;

type Schemas = components['schemas'];
export type Job = Schemas['Job'];
export type JobList = Schemas['JobList'];
export type JobInstance = Schemas['JobInstance'];
export type JobStatus = Schemas['JobStatus'];
export type JobType = Schemas['JobType'];
export type InstanceStatus = Schemas['InstanceStatus'];
export type Schedule = Schemas['Schedule'];
export type ExecuteRequest = Schemas['ExecuteRequest'];
export type Process = Schemas['Process'];
export type ProcessList = Schemas['ProcessList'];
export type ProcessVersion = Schemas['ProcessVersion'];
export type ProcessVersionStatus = Schemas['ProcessVersionStatus'];
export type Problem = Schemas['Problem'];
export type WireViolation = Schemas['Violation'];
