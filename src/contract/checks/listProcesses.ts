import type { Process, ProcessList } from '../../spec/types';
import { SkipCheck, type Check, type CheckContext, type Finding } from '../types';
import { callOperation, describeCall, type Call } from './call';

/**
 * The process list: with the environment alone (schema, count), with `name` (exact matches
 * only), and with each documented `status` (only processes with a version of that status).
 */
export function listProcessesChecks(context: CheckContext): Check[] {
  const statusParameter = context.operations.get('listProcesses')!.parameters.find((p) => p.name === 'status' && p.in === 'query');
  const statuses = (statusParameter?.schema as { enum?: string[] } | undefined)?.enum ?? [];
  return [
    {
      id: 'listProcesses/environment-only',
      operationId: 'listProcesses',
      title: `GET /api/v1/rpa/process lists the processes of environment '${context.options.environment}'`,
      run: checkList,
    },
    {
      id: 'listProcesses/name',
      operationId: 'listProcesses',
      title: 'GET /api/v1/rpa/process?name= lists only the process of that exact name',
      run: checkNameFilter,
    },
    ...statuses.map((status) => ({
      id: `listProcesses/status=${status}`,
      operationId: 'listProcesses',
      title: `GET /api/v1/rpa/process?status=${status} lists only processes with a ${status} version`,
      run: (ctx: CheckContext) => checkStatusFilter(ctx, status),
    })),
  ];
}

async function checkList(context: CheckContext): Promise<Finding[]> {
  const call = { query: { environment: context.options.environment } };
  const { findings, body } = await callOperation(context, 'listProcesses', call);
  const processes = processesOf(body);
  if (!processes) return findings;
  const list = body as ProcessList;
  if (typeof list.count === 'number' && list.count !== processes.length) {
    findings.push({
      severity: 'failure',
      request: describeCall(context, 'listProcesses', call),
      pointer: '/count',
      rule: 'count',
      message: `count is ${list.count} but the list has ${processes.length} processes`,
      expected: String(processes.length),
      actual: list.count,
    });
  }
  for (const process of processes) if (typeof process.id === 'string') context.processes.set(process.id.toLowerCase(), process);
  return findings;
}

async function checkNameFilter(context: CheckContext): Promise<Finding[]> {
  const name = [...context.processes.values()][0]?.name;
  if (typeof name !== 'string') throw new SkipCheck('no process was listed to filter by its name');
  const call: Call = { query: { environment: context.options.environment, name } };
  const { findings, body } = await callOperation(context, 'listProcesses', call);
  const processes = processesOf(body);
  if (!processes) return findings;
  const others = processes.filter((process) => process.name !== name);
  if (processes.length === 0 || others.length > 0) {
    findings.push({
      severity: 'failure',
      request: describeCall(context, 'listProcesses', call),
      pointer: '/processes',
      rule: 'filter',
      message:
        processes.length === 0
          ? `the name filter lost the process '${name}' the list shows`
          : `the name filter is not honoured: asked for '${name}', ${others.length} of ${processes.length} processes have another name`,
      expected: `only '${name}'`,
      actual: processes.map((process) => process.name),
    });
  }
  return findings;
}

async function checkStatusFilter(context: CheckContext, status: string): Promise<Finding[]> {
  const call: Call = { query: { environment: context.options.environment, status } };
  const { findings, body } = await callOperation(context, 'listProcesses', call);
  const processes = processesOf(body);
  if (!processes) return findings;
  const strangers = processes.filter((process) => !process.versions?.some?.((version) => version?.status === status));
  if (strangers.length > 0) {
    findings.push({
      severity: 'failure',
      request: describeCall(context, 'listProcesses', call),
      pointer: '/processes',
      rule: 'filter',
      message: `the status filter is not honoured: asked for ${status}, ${strangers.length} of ${processes.length} processes have no ${status} version`,
      expected: `a ${status} version in each process`,
      actual: strangers.map((process) => process.id),
      // Which version's status the filter reads is the spec's inference.
      inferred: true,
    });
  }
  return findings;
}

function processesOf(body: unknown): Process[] | undefined {
  const processes = (body as { processes?: unknown } | undefined)?.processes;
  return Array.isArray(processes) ? processes.filter((p): p is Process => !!p && typeof p === 'object') : undefined;
}
