// The inspector: the request journal, live, and the jobs with their runs. Plain DOM, no framework.
'use strict';

const api = '/api/v1/rpa/jobs';
const $ = (selector) => document.querySelector(selector);
const tokenInput = $('#token');
tokenInput.value = sessionStorage.getItem('rpa-mock-token') ?? '';
tokenInput.addEventListener('change', () => {
  sessionStorage.setItem('rpa-mock-token', tokenInput.value);
  loadInfo().then(refresh, showError);
});

// Polls carry this header so that they stay out of the journal and the request log.
async function call(method, url, body, { poll = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (poll) headers['X-Rpa-Mock-Inspector'] = 'poll';
  if (tokenInput.value) headers.Authorization = `Bearer ${tokenInput.value}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${data.detail ?? ''}`);
  return data;
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'className') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
}

const badge = (text, kind = text) => el('span', { className: `status ${kind}` }, text);
// Dates too: a run of another day must not read as one of today.
const time = (iso) => (iso ? new Date(iso).toISOString().slice(0, 19).replace('T', ' ') : '–');
let info = { mode: 'mock', environments: [], clock: true };
const environment = () => (info.environments.length > 0 ? $('#environment').value : $('#environment-name').value || 'default');

/** What the server is (mock or proxy) and which environments it knows; read once, at load. */
async function loadInfo() {
  info = await call('GET', '/__mock/info', undefined, { poll: true });
  $('#environment').replaceChildren(...info.environments.map((name) => el('option', {}, name)));
  $('#environment').hidden = info.environments.length === 0;
  $('#environment-name').hidden = info.environments.length > 0;
  $('#clock').hidden = !info.clock;
  $('#upstream').hidden = !info.upstream;
  $('#upstream-url').textContent = info.upstream ?? '';
}

function showError(error) {
  const box = $('#error');
  box.hidden = !error;
  box.textContent = error ? String(error.message ?? error) : '';
}

async function loadClock() {
  if (!info.clock) return;
  const clock = await call('GET', '/__mock/clock', undefined, { poll: true });
  $('#clock-now').textContent = clock.now.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  $('#clock-mode').textContent = clock.mode;
}

async function loadJobs() {
  const query = new URLSearchParams({ environment: environment(), type: $('#type').value });
  const { jobs } = await call('GET', `${api}?${query}`, undefined, { poll: true });
  $('#jobs tbody').replaceChildren(
    ...jobs.map((job) => {
      const last = job.job_instances.at(-1);
      const runs = el(
        'ul',
        { className: 'runs' },
        job.job_instances
          .slice(-3)
          .map((run) =>
            el(
              'li',
              { 'data-run': run.id },
              badge(run.status),
              ` ${run.triggered_by}${starter(run)}, queued ${time(run.queued_at)}, ended ${time(run.ended_at)}`,
            ),
          ),
      );
      return el(
        'tr',
        { 'data-job': job.id },
        el(
          'td',
          {},
          el('strong', {}, job.job_name),
          el(
            'div',
            { className: 'muted' },
            // The job's process, as the API answers it: GET /api/v1/rpa/process/{process_id}.
            el(
              'a',
              { href: `/api/v1/rpa/process/${job.process_id}`, target: '_blank', rel: 'noopener', 'data-process': job.process_id },
              `${job.process_name} v${job.process_version}`,
            ),
            job.active ? '' : ' (inactive)',
          ),
          runs,
        ),
        el('td', {}, badge(job.status)),
        el('td', {}, String(job.job_instances.length)),
        el('td', {}, last ? badge(last.status) : '–'),
        el('td', {}, el('button', { type: 'button', onclick: () => execute(job.id), ...(job.active ? {} : { disabled: '' }) }, 'Execute')),
      );
    }),
  );
}

/** Who started a run, when a user of the gateway did (serve --gateway): ` by Ada Lovelace (RPA-Admin)`. */
function starter(run) {
  const context = run.job_context;
  return context ? ` by ${context.user_name} (${context.user_details?.rpa_role ?? 'no role'})` : '';
}

async function loadJournal() {
  const { entries, capacity } = await call('GET', '/__mock/journal?limit=100', undefined, { poll: true });
  $('#journal-count').textContent = `last ${entries.length} of up to ${capacity}`;
  const check = (result) =>
    result.valid === null ? el('span', { className: 'muted' }, 'no operation') : result.valid ? badge('valid') : badge('invalid');
  const violations = (result) =>
    result.violations.length
      ? el(
          'ul',
          { className: 'violations' },
          result.violations.map((v) => el('li', {}, `${v.pointer || '/'} ${v.rule}: ${v.message}`)),
        )
      : null;
  $('#journal tbody').replaceChildren(
    ...entries.map((entry) =>
      el(
        'tr',
        { 'data-entry': String(entry.id) },
        el('td', {}, time(entry.at)),
        el(
          'td',
          {},
          `${entry.method} ${entry.url}`,
          entry.fault ? el('div', { className: 'fault' }, `fault: ${entry.fault.latencyMs} ms${entry.fault.error ? ', 500' : ''}`) : null,
        ),
        el('td', {}, badge(String(entry.status), `s${String(entry.status)[0]}`)),
        el('td', {}, String(entry.durationMs)),
        el('td', {}, check(entry.request), violations(entry.request)),
        el('td', {}, check(entry.response), violations(entry.response)),
      ),
    ),
  );
}

async function execute(id) {
  try {
    await call('POST', `${api}/${id}/_execute`, {});
    await refresh();
  } catch (error) {
    showError(error);
  }
}

async function refresh() {
  try {
    await Promise.all([loadClock(), loadJobs(), loadJournal()]);
    showError(null);
  } catch (error) {
    showError(error);
  }
}

for (const button of document.querySelectorAll('[data-advance]')) {
  button.addEventListener('click', async () => {
    try {
      await call('POST', '/__mock/clock/advance', { seconds: Number(button.dataset.advance) });
      await refresh();
    } catch (error) {
      showError(error);
    }
  });
}
$('#environment').addEventListener('change', refresh);
$('#environment-name').addEventListener('change', refresh);
$('#type').addEventListener('change', refresh);
loadInfo()
  .catch(showError)
  .then(() => {
    refresh();
    setInterval(refresh, 1500);
  });
