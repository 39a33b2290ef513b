/** Wire types of the contract, generated from the spec by openapi-typescript (`npm run gen:types`). */
import type { components } from './openapi.gen';

type Schemas = components['schemas'];
export type Job = Schemas['Job'];
export type JobList = Schemas['JobList'];
export type JobInstance = Schemas['JobInstance'];
export type JobStatus = Schemas['JobStatus'];
export type JobType = Schemas['JobType'];
export type InstanceStatus = Schemas['InstanceStatus'];
export type Schedule = Schemas['Schedule'];
export type ExecuteRequest = Schemas['ExecuteRequest'];
export type Problem = Schemas['Problem'];
export type Violation = Schemas['Violation'];
