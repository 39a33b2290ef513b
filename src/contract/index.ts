/** The contract checks as a library: run them against any base URL. */
export { runContract, exitCodeOf } from './runContract';
export { formatReport } from './formatReport';
export { toJUnit } from './toJUnit';
export { maskSecrets } from '../credentials/maskSecrets';
export { readIonApi, baseUrlOf, IonApiError, type IonApiCredentials } from '../credentials/ionApi';
export { fetchToken } from '../credentials/tokenEndpoint';
export { tokenSource, staticToken, type TokenSource, type TokenSourceOptions } from '../credentials/tokenSource';
export type { ContractOptions } from './options';
export type { ContractReport, CheckResult, CheckOutcome, Finding } from './types';
