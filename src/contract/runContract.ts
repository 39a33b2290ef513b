import type { OpenApiDocument } from '../spec/loadSpec';
import { bundleOf } from '../spec/bundleOf';
import { loadSpecBundle } from '../spec/specBundle';
import { ConnectionError, createClient } from './httpClient';
import { CoverageRecorder, coverageLine } from './coverage';
import { resolveContractOptions, type ContractOptions } from './options';
import { planChecks } from './planChecks';
import { preflight } from './preflight';
import { Diagnosis } from './diagnose/diagnosis';
import { componentSchemas } from './learn/locateNode';
import { SkipCheck, type Check, type CheckContext, type CheckOutcome, type CheckResult, type ContractReport, type Finding } from './types';

/** Prepares the checks of a run; `checks` lists them without sending a request. */
export async function prepareContract(
  options: Partial<ContractOptions> & { baseUrl: string },
  spec?: OpenApiDocument,
  diagnosis: Diagnosis = new Diagnosis(),
) {
  const resolved = resolveContractOptions(options);
  const { byId, validators, document, operations, match } = spec
    ? bundleOf(spec)
    : await loadSpecBundle(resolved.specPath, resolved.overlays);
  const coverage = new CoverageRecorder(operations, match);
  const client = resolved.wrapSend ? resolved.wrapSend(createClient(resolved)) : createClient(resolved);
  const context: CheckContext = {
    options: resolved,
    send: coverage.wrap(client),
    coverage,
    operations: byId,
    validators,
    components: componentSchemas(document),
    listed: new Map(),
    fetched: new Map(),
    processes: new Map(),
    diagnosis,
    currentCheck: 'preflight',
  };
  return { context, checks: planChecks(context).filter((check) => !resolved.skipChecks.includes(check.id)) };
}

/**
 * Checks a deployment (or the mock) against the spec: every operation, every response, every
 * violation, each departure named once as a root cause.
 * `const report = await runContract({ baseUrl: 'http://127.0.0.1:4010' })`.
 * Throws a PreflightError (a SetupError) when the base URL or the credentials cannot work.
 */
export async function runContract(
  options: Partial<ContractOptions> & { baseUrl: string },
  spec?: OpenApiDocument,
  diagnosis?: Diagnosis,
): Promise<ContractReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const { context, checks } = await prepareContract(options, spec, diagnosis);
  await preflight(context);
  const results: CheckResult[] = [];
  let unreachable = false;
  for (const check of checks) {
    // Once the server cannot be reached, the other checks are not worth their retries.
    if (unreachable) {
      results.push({
        id: check.id,
        operationId: check.operationId,
        title: check.title,
        outcome: 'error',
        findings: [],
        reason: 'not run: the server cannot be reached',
        durationMs: 0,
      });
      continue;
    }
    context.currentCheck = check.id;
    const { result, connectionError } = await runCheck(check, context);
    results.push(result);
    unreachable = connectionError?.kind === 'unreachable';
  }
  const rootCauses = context.diagnosis.rootCauses(context.options.inferred === 'warn');
  // A check's root-cause findings read as the cause's headline (in JUnit and JSON too); one whose
  // cause the whole run did not bear out (a name read as its alias in the end) is dropped.
  for (const result of results) {
    result.findings = result.findings.filter((finding) => {
      const cause = rootCauses.find((c) => c.key === finding.cause);
      if (cause) finding.message = cause.message;
      return finding.cause === undefined || cause !== undefined;
    });
    if (result.outcome === 'failed' || result.outcome === 'warning') result.outcome = outcomeOf(result.findings);
  }
  const coverage = context.coverage.result();
  const { minCoverage } = context.options;
  if (minCoverage !== undefined)
    results.push({
      id: 'coverage/minimum',
      operationId: '',
      title: `the run exercises at least ${minCoverage} % of the contract (--min-coverage)`,
      outcome: coverage.percent >= minCoverage ? 'passed' : 'failed',
      findings:
        coverage.percent >= minCoverage
          ? []
          : [
              {
                severity: 'failure',
                request: '',
                rule: 'min-coverage',
                message: `${coverageLine(coverage)}: below the ${minCoverage} % asked for`,
              },
            ],
      durationMs: 0,
    });
  const summary: Record<CheckOutcome, number> = { passed: 0, failed: 0, warning: 0, skipped: 0, error: 0 };
  for (const result of results) summary[result.outcome] += 1;
  return {
    baseUrl: context.options.baseUrl,
    environment: context.options.environment,
    startedAt,
    durationMs: elapsedSince(started),
    checks: results,
    rootCauses,
    summary,
    sampled: { jobs: context.listed.size, jobsById: context.fetched.size, processes: context.processes.size },
    coverage,
  };
}

async function runCheck(check: Check, context: CheckContext): Promise<{ result: CheckResult; connectionError?: ConnectionError }> {
  const started = performance.now();
  const base = { id: check.id, operationId: check.operationId, title: check.title };
  try {
    const findings = settle(await check.run(context), context.options.inferred);
    return { result: { ...base, outcome: outcomeOf(findings), findings, durationMs: elapsedSince(started) } };
  } catch (error) {
    if (error instanceof SkipCheck)
      return { result: { ...base, outcome: 'skipped', findings: [], reason: error.message, durationMs: elapsedSince(started) } };
    if (error instanceof ConnectionError)
      return {
        result: { ...base, outcome: 'error', findings: [], reason: error.message, durationMs: elapsedSince(started) },
        connectionError: error,
      };
    throw error;
  }
}

/**
 * A root cause stands once in a check however many answers showed it; with `--inferred warn`, a
 * finding on a part of the spec marked x-inferred is a warning.
 */
function settle(findings: Finding[], inferred: ContractOptions['inferred']): Finding[] {
  const causes = new Set<string>();
  return findings
    .filter((finding) => finding.cause === undefined || (!causes.has(finding.cause) && causes.add(finding.cause)))
    .map((finding) =>
      inferred === 'warn' && finding.inferred && finding.severity === 'failure' ? { ...finding, severity: 'warning' } : finding,
    );
}

function outcomeOf(findings: Finding[]): CheckOutcome {
  return findings.some((f) => f.severity === 'failure') ? 'failed' : findings.length > 0 ? 'warning' : 'passed';
}

/** 0: every check passed (warnings allowed); 1: a contract violation; 2: a check could not run. */
export function exitCodeOf(report: ContractReport): 0 | 1 | 2 {
  if (report.summary.failed > 0) return 1;
  if (report.summary.error > 0) return 2;
  return 0;
}

/** Milliseconds since `started`, to a tenth: reports read `869.6`, not `869.6493700000001`. */
function elapsedSince(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
