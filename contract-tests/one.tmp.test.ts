import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { formatReport, runContract } from '../src/contract';
import { calibrateTenant } from '../src/contract/calibrate/calibrateTenant';
import { startDriftingMock } from './support/driftingMock';
import { tenantTraits, transformOf } from './support/tenantFamily';
it('prints', async () => {
  const names = (process.env.TRAITS ?? '').split('+').map((s) => s.trim());
  const traits = tenantTraits.filter((t) => names.includes(t.name));
  const s = await startDriftingMock(transformOf(traits));
  const base = { baseUrl: s.url, retries: 0, maxJobs: 3, allowExecute: true, wait: async () => undefined };
  const { overlay, unlearned } = await calibrateTenant(base);
  writeFileSync('/tmp/one.yaml', stringify(overlay, { lineWidth: 0 }));
  process.stdout.write(JSON.stringify(unlearned) + '\n');
  const r = await runContract({ ...base, overlays: ['/tmp/one.yaml'] });
  process.stdout.write(formatReport(r));
  await s.close();
}, 60000);
