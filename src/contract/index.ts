/** The contract checks as a library: run them against any base URL. */
export { runContract, prepareContract, exitCodeOf } from './runContract';
export { formatReport } from './formatReport';
export { toJUnit } from './toJUnit';
export { maskSecrets, maskSecretsIn } from './maskSecrets';
export { readIonApi, fetchToken, baseUrlOf, secretsOf, IonApiError, type IonApiCredentials } from './ionApi';
export { refuseUrlCredentials } from './refuseUrlCredentials';
export { defaultContractOptions, type ContractOptions } from './options';
export type { ContractReport, CheckResult, CheckOutcome, Finding } from './types';
