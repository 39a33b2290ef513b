import { authChecks } from './checks/auth';
import { negativeChecks } from './checks/negative';
import { executeJobChecks } from './checks/executeJob';
import { getJobChecks } from './checks/getJob';
import { listJobsChecks } from './checks/listJobs';
import { listProcessesChecks } from './checks/listProcesses';
import { getProcessChecks } from './checks/getProcess';
import type { Check, CheckContext } from './types';
import type { OperationId } from '../spec/types';

/** The checks each operation of the spec gets, by operationId. */
const checksByOperation: Record<OperationId, (context: CheckContext) => Check[]> = {
  listJobs: listJobsChecks,
  getJob: getJobChecks,
  executeJob: executeJobChecks,
  listProcesses: listProcessesChecks,
  getProcess: getProcessChecks,
};

/**
 * Walks every operation of the spec, in the spec's order, and plans its checks; an operation no
 * check knows how to call is reported, never silently passed over. Auth checks come last.
 */
export function planChecks(context: CheckContext): Check[] {
  const planned = [...context.operations.keys()].flatMap((operationId) => {
    const plan = checksByOperation[operationId as OperationId];
    if (plan) return plan(context);
    return [
      {
        id: `${operationId}/uncovered`,
        operationId,
        title: `${operationId} has a contract check`,
        run: async () => [
          { severity: 'warning' as const, rule: 'coverage', message: `no check knows how to call ${operationId}; it is not verified` },
        ],
      },
    ];
  });
  return [...planned, ...authChecks(context), ...negativeChecks(context)];
}
