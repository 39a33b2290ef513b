/** The contract checks as a library: run them against any base URL. */
export { runContract, exitCodeOf } from './runContract';
export { formatReport } from './formatReport';
export { toJUnit } from './toJUnit';
export { maskSecrets } from './maskSecrets';
export { readIonApi, baseUrlOf, IonApiError, type IonApiCredentials } from './ionApi';
export { fetchToken } from './tokenEndpoint';
export { tokenSource, staticToken, type TokenSource, type TokenSourceOptions } from './tokenSource';
export type { ContractOptions } from './options';
export type { ContractReport, CheckResult, CheckOutcome, Finding } from './types';
