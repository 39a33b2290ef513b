import type { Process, ProcessVersion } from '../spec/types';
import { processes } from './catalog';
import { uuidFromWords } from './hash';
import { iso } from './timeline';
import { faker, type World } from './world';

const minute = 60_000;
const day = 24 * 60 * minute;
const salt = { process: 0x9d, version: 0x5e };

/**
 * Versions every job may run: jobs draw their `process_version` from 1 to this, so these are all
 * finalized, and all older than the oldest job (jobs are created at most 420 days before the
 * reference time; version 14 is 480 days old).
 */
export const versionsJobsRun = 14;

const changeNotes = [
  'Handles a second file layout.',
  'Retries the ERP login once before failing.',
  'Logs every skipped record with its reason.',
  'Reads its settings from the job preferences.',
  'Runs faster on large inputs.',
  'Sends a summary mail at the end of each run.',
];

/**
 * The processes of a world, in full: one per catalog process, with the ids jobs name in
 * `process_id`. Each has the versions jobs run (1 to 14, finalized, created before any job), then
 * up to three newer finalized versions and up to two drafts; the current version is the newest
 * finalized one. A pure function of (seed, reference time).
 */
export function generateProcesses(world: World): Process[] {
  return processes.map((template, index) => {
    faker.seed([world.seed, salt.process, index]);
    const id = world.processIds[index]!;
    const finalized = versionsJobsRun + faker.number.int({ min: 0, max: 3 });
    const drafts = faker.number.int({ min: 0, max: 2 });
    const versions = Array.from({ length: finalized + drafts }, (_, i) =>
      generateVersion(world, id, index, i + 1, i < finalized, versionTime(world.referenceTime, i + 1, finalized + drafts)),
    );
    return {
      id,
      name: template.name,
      current_version: String(finalized),
      type: template.category,
      expanded: true,
      parameters: [...template.parameters],
      versions,
    };
  });
}

/** A process as the list shows it: a summary, without the full detail. */
export function summaryOf(process: Process): Process {
  return { ...process, expanded: false, parameters: null };
}

/** Versions 1–14 are spread from 1,180 to 480 days back; newer ones after, the last a day back at most. */
function versionTime(referenceTime: number, version: number, count: number): number {
  const back =
    version <= versionsJobsRun
      ? 1_180 * day - (version - 1) * 50 * day - faker.number.int({ min: 0, max: 20 * day })
      : 470 * day - ((version - versionsJobsRun) * 460 * day) / Math.max(1, count - versionsJobsRun + 1) - faker.number.int(day);
  return Math.floor((referenceTime - back) / minute) * minute;
}

function generateVersion(
  world: World,
  processId: string,
  index: number,
  version: number,
  isFinal: boolean,
  createdAt: number,
): ProcessVersion {
  return {
    id: uuidFromWords([world.seed, salt.version, index, version]),
    version: String(version),
    location: `/api/v1/rpa/process/${processId}/versions/${version}`,
    status: isFinal ? 'Finalized' : 'Draft',
    ip_registered: faker.datatype.boolean(0.15),
    permissions: isFinal ? ['view', 'execute'] : ['view', 'edit', 'delete'],
    created_at: iso(createdAt),
    change_note: version === 1 ? 'First version.' : faker.datatype.boolean(0.8) ? faker.helpers.arrayElement(changeNotes) : null,
  };
}
