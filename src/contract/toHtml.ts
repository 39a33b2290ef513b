import { escapeXml } from '../text/escapeXml';
import { coverageLine, type Coverage } from './coverage';
import type { CheckOutcome, ContractReport } from './types';

/** The colours of the outcomes, the same in the table, the chips and the charts. */
const colours: Record<CheckOutcome, string> = {
  passed: '#1a7f37',
  failed: '#cf222e',
  warning: '#9a6700',
  skipped: '#6e7781',
  error: '#8250df',
};

const h = (text: unknown) => escapeXml(String(text));

/**
 * The report as one self-contained HTML page (no script, no font, nothing fetched): the verdict,
 * the root causes with their provenance, every check, the coverage matrix, and small SVG charts
 * where a reader would rather look than read (checks by outcome, coverage and latency by
 * operation). `verify --html report.html`.
 */
export function toHtml(report: ContractReport): string {
  const { summary } = report;
  const verdict = summary.failed > 0 ? 'failed' : summary.error > 0 ? 'error' : 'passed';
  const verdictText = {
    passed: 'The tenant keeps the contract',
    failed: 'The tenant breaks the contract',
    error: 'Some checks could not run',
  }[verdict];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>rpa-mock verify: ${h(report.baseUrl)}</title>
<style>${style}</style>
</head>
<body>
<header class="verdict ${verdict}">
  <h1>${h(verdictText)}</h1>
  <p>${h(report.baseUrl)} · environment <code>${h(report.environment)}</code> · ${h(report.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC'))} · ${(report.durationMs / 1000).toFixed(1)} s</p>
  <p class="counts">${(Object.keys(colours) as CheckOutcome[]).map((o) => `<span class="chip" style="--c:${colours[o]}">${summary[o]} ${o}</span>`).join(' ')}</p>
</header>
<main>
<section class="charts">
  <figure><figcaption>Checks by outcome</figcaption>${outcomeChart(summary)}</figure>
  <figure><figcaption>Coverage by operation</figcaption>${coverageChart(report.coverage)}</figure>
  <figure><figcaption>Latency by operation (median and 95th percentile, ms)</figcaption>${latencyChart(report.coverage)}</figure>
</section>
${rootCauses(report)}
<section>
<h2>Checks</h2>
<table class="checks">
<thead><tr><th>outcome</th><th>check</th><th>what</th><th>first finding</th><th>ms</th></tr></thead>
<tbody>
${report.checks.map(checkRow).join('\n')}
</tbody>
</table>
</section>
${coverageSection(report.coverage)}
</main>
<footer>rpa-mock verify · sampled ${report.sampled.jobs} jobs listed, ${report.sampled.jobsById} by id, ${report.sampled.processes} processes</footer>
</body>
</html>
`;
}

function rootCauses(report: ContractReport): string {
  if (report.rootCauses.length === 0)
    return '<section><h2>Root causes</h2><p class="muted">None: every answer read the spec’s way.</p></section>';
  const items = report.rootCauses.map(
    (cause) =>
      `<li class="${cause.severity}"><span class="provenance ${cause.inferred ? 'inferred' : 'documented'}">${cause.inferred ? 'x-inferred' : 'documented'}</span> ${h(cause.message)}${
        cause.examples.length > 0 ? `<div class="muted">e.g. ${cause.examples.slice(0, 3).map(h).join('; ')}</div>` : ''
      }</li>`,
  );
  return `<section><h2>Root causes</h2><ul class="causes">${items.join('')}</ul></section>`;
}

function checkRow(check: ContractReport['checks'][number]): string {
  const what = check.reason ?? check.findings[0]?.message ?? '';
  const more = check.findings.length > 1 ? ` <span class="muted">(+${check.findings.length - 1} more)</span>` : '';
  return `<tr><td><span class="chip" style="--c:${colours[check.outcome]}">${check.outcome}</span></td><td><code>${h(check.id)}</code></td><td>${h(check.title)}</td><td>${h(what)}${more}</td><td class="num">${Math.round(check.durationMs)}</td></tr>`;
}

function coverageSection(coverage: Coverage): string {
  const operations = [...new Set(coverage.statuses.map((s) => s.operationId))];
  const statuses = [...new Set(coverage.statuses.map((s) => s.status))].sort();
  const cell = (operationId: string, status: string) => {
    const found = coverage.statuses.find((s) => s.operationId === operationId && s.status === status);
    if (!found) return '<td class="none"></td>';
    return found.seen ? '<td class="seen" title="seen">✓</td>' : '<td class="unseen" title="not seen">·</td>';
  };
  const never = coverage.fields.filter((f) => f.seen !== 'value');
  return `<section>
<h2>Coverage</h2>
<p>${h(coverageLine(coverage))}.</p>
<table class="matrix">
<thead><tr><th>operation</th>${statuses.map((s) => `<th>${h(s)}</th>`).join('')}<th>fields with a value</th></tr></thead>
<tbody>
${operations
  .map((operationId) => {
    const fields = coverage.fields.filter((f) => f.operationId === operationId);
    const valued = fields.filter((f) => f.seen === 'value').length;
    return `<tr><td><code>${h(operationId)}</code></td>${statuses.map((s) => cell(operationId, s)).join('')}<td class="num">${valued} / ${fields.length}</td></tr>`;
  })
  .join('\n')}
</tbody>
</table>
${
  never.length === 0
    ? ''
    : `<details><summary>${never.length} documented fields not seen with a value</summary><ul class="fields">${never
        .map(
          (f) =>
            `<li><code>${h(f.operationId)} ${h(f.pointer)}</code> <span class="muted">${f.seen === 'null' ? 'only null' : 'never'}</span></li>`,
        )
        .join('')}</ul></details>`
}
</section>`;
}

/** A horizontal bar chart, one bar per row, its value written beside it. */
function bars(rows: { label: string; value: number; colour: string; text: string }[], max: number): string {
  const height = 22;
  const width = 360;
  const labelWidth = 110;
  const scale = (value: number) => (max === 0 ? 0 : Math.max(value > 0 ? 2 : 0, ((width - labelWidth - 60) * value) / max));
  const items = rows.map((row, i) => {
    const y = i * height;
    return `<text x="${labelWidth - 6}" y="${y + 15}" text-anchor="end">${h(row.label)}</text><rect x="${labelWidth}" y="${y + 4}" width="${scale(row.value).toFixed(1)}" height="${height - 8}" rx="3" fill="${row.colour}"/><text x="${(labelWidth + scale(row.value) + 6).toFixed(1)}" y="${y + 15}">${h(row.text)}</text>`;
  });
  return `<svg viewBox="0 0 ${width} ${Math.max(1, rows.length) * height}" width="${width}" height="${Math.max(1, rows.length) * height}" role="img">${items.join('')}</svg>`;
}

function outcomeChart(summary: Record<CheckOutcome, number>): string {
  const rows = (Object.keys(colours) as CheckOutcome[]).map((o) => ({
    label: o,
    value: summary[o],
    colour: colours[o],
    text: String(summary[o]),
  }));
  return bars(rows, Math.max(...rows.map((r) => r.value)));
}

function coverageChart(coverage: Coverage): string {
  const operations = [...new Set(coverage.statuses.map((s) => s.operationId))];
  const rows = operations.map((operationId) => {
    const statuses = coverage.statuses.filter((s) => s.operationId === operationId);
    const fields = coverage.fields.filter((f) => f.operationId === operationId);
    const covered = statuses.filter((s) => s.seen).length + fields.filter((f) => f.seen === 'value').length;
    const total = statuses.length + fields.length;
    const percent = total === 0 ? 100 : Math.round((covered / total) * 100);
    return { label: operationId, value: percent, colour: '#0969da', text: `${percent} %` };
  });
  return bars(rows, 100);
}

function latencyChart(coverage: Coverage): string {
  if (coverage.latency.length === 0) return '<p class="muted">No answers.</p>';
  const rows = coverage.latency.map((l) => ({ label: l.operationId, value: l.p95, colour: '#bf8700', text: `${l.p50} / ${l.p95}` }));
  return bars(rows, Math.max(...rows.map((r) => r.value)));
}

const style = `
:root { color-scheme: light; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; }
body { margin: 0; background: #f6f8fa; }
header.verdict { padding: 20px 32px; color: #fff; }
header.verdict.passed { background: #1a7f37; } header.verdict.failed { background: #cf222e; } header.verdict.error { background: #8250df; }
header h1 { margin: 0 0 4px; font-size: 22px; } header p { margin: 4px 0; }
header .chip { background: rgba(255,255,255,.18); color: #fff; }
main { padding: 8px 32px 24px; }
section { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 18px; margin: 16px 0; }
h2 { font-size: 16px; margin: 4px 0 10px; }
.charts { display: flex; flex-wrap: wrap; gap: 24px; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: 6px; }
svg text { font: 12px system-ui, sans-serif; fill: #1f2328; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
th { font-weight: 600; background: #f6f8fa; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
.chip { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; background: var(--c); font-size: 12px; white-space: nowrap; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; white-space: nowrap; }
.matrix td, .matrix th { text-align: center; } .matrix td:first-child { text-align: left; }
.matrix td.seen { background: #dafbe1; color: #1a7f37; } .matrix td.unseen { background: #fff8c5; color: #9a6700; } .matrix td.none { background: #f6f8fa; }
.causes { padding-left: 18px; } .causes li { margin: 6px 0; }
.provenance { font-size: 11px; padding: 1px 6px; border-radius: 4px; border: 1px solid; white-space: nowrap; }
.provenance.documented { color: #cf222e; } .provenance.inferred { color: #9a6700; }
.muted { color: #656d76; }
.fields { columns: 2; font-size: 12px; }
footer { padding: 0 32px 24px; color: #656d76; font-size: 12px; }
`;
