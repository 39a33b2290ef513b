import { preferences, processes, schedules } from './catalog';
import type { JobRecord } from './jobRecord';
import { placeJob } from './placement';
import { previousRuns } from './schedule';
import { iso, type FinalOutcome, type InstanceTimeline } from './timeline';
import { faker, type World } from './world';
import type { JobIdCodec } from './jobIds';
import type { Job, Schedule } from '../spec/types';

const second = 1000;
const minute = 60 * second;
const day = 24 * 60 * minute;

/**
 * Generates job `index` of a world: a pure function of (seed, index, reference time).
 * Its history ends at the reference time; a run in progress then ends at least 20 minutes later,
 * so a freshly started mock serves the same bytes for a while even on a running clock.
 */
export function generateJob(world: World, ids: JobIdCodec, index: number): JobRecord {
  faker.seed([world.seed, index]);
  const { environmentIndex, type } = placeJob(world, index);
  const processIndex = faker.number.int(processes.length - 1);
  const process = processes[processIndex]!;
  const scheduled: Schedule | null = faker.datatype.boolean(0.6) ? { ...faker.helpers.arrayElement(schedules) } : null;
  const active = faker.datatype.boolean(0.88);
  const eoFlowEnabled = faker.datatype.boolean(0.25);
  const owner = faker.helpers.arrayElement(world.people);
  const editor = faker.datatype.boolean(0.6) ? owner : faker.helpers.arrayElement(world.people);
  const createdAt = alignToMinute(world.referenceTime - faker.number.int({ min: 20 * day, max: 420 * day }));
  const updatedAt =
    scheduled && !active
      ? deactivationTime(world.referenceTime)
      : alignToMinute(faker.number.int({ min: createdAt + day, max: world.referenceTime - 5 * minute }));
  const historyEnd = active ? world.referenceTime : updatedAt;

  return {
    fields: {
      id: ids.encode(index),
      job_name: `${process.name} - ${faker.helpers.arrayElement(process.variants)}`,
      process_name: process.name,
      process_id: world.processIds[processIndex]!,
      process_version: String(faker.number.int({ min: 1, max: 14 })),
      environment_id: world.environments[environmentIndex]!.environment_id,
      job_execution_strategy: scheduled ? 'scheduled' : eoFlowEnabled ? 'event' : 'manual',
      scheduled,
      priority: faker.helpers.weightedArrayElement(
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((value) => ({ value, weight: value === 5 ? 6 : 1 })),
      ),
      active,
      force_user_context: faker.datatype.boolean(type === 'Attended' ? 0.5 : 0.2),
      eo_flow_enabled: eoFlowEnabled,
      job_context: jobContext(world, type, owner),
      preferences: faker.helpers.arrayElements(preferences, { min: 1, max: 4 }).map((preference) => ({
        id: faker.string.uuid(),
        key: preference.key,
        value: faker.helpers.arrayElement(preference.values),
        description: preference.description,
      })),
      description: process.description,
      type,
      metadata: { created_by: owner.display_name, created_at: iso(createdAt), updated_by: editor.display_name, updated_at: iso(updatedAt) },
    },
    instances: history(world, { scheduled, active, eoFlowEnabled, createdAt, historyEnd }),
    firing: { seed: world.seed, since: world.referenceTime },
  };
}

function jobContext(world: World, type: Job['type'], owner: World['people'][number]): Job['job_context'] {
  const user = { user_identifier: owner.id, user_name: owner.display_name, user_details: { ...owner } };
  if (type === 'Attended') {
    const initials = owner.display_name
      .split(' ')
      .map((part) => part[0])
      .join('')
      .toUpperCase();
    return {
      machine_id: faker.string.uuid(),
      device_name: `LT-${initials}-${faker.number.int({ min: 100, max: 999 })}`,
      dynamic_robots: 0,
      robot_id: faker.string.uuid(),
      robot_name: `Attended-${owner.display_name.split(' ')[0]}`,
      ...user,
    };
  }
  if (faker.datatype.boolean(0.3)) {
    return {
      machine_id: null,
      device_name: null,
      dynamic_robots: faker.number.int({ min: 2, max: 8 }),
      robot_id: null,
      robot_name: null,
      ...user,
    };
  }
  return { ...faker.helpers.arrayElement(world.robots), dynamic_robots: 0, ...user };
}

interface HistoryInput {
  scheduled: Schedule | null;
  active: boolean;
  eoFlowEnabled: boolean;
  createdAt: number;
  historyEnd: number;
}

/** Past executions, oldest first, all ended by the reference time, plus sometimes one in progress. */
function history(world: World, job: HistoryInput): InstanceTimeline[] {
  const count = faker.number.int({ min: job.scheduled && job.active ? 0 : 1, max: 6 });
  const triggers = job.scheduled
    ? previousRuns(job.scheduled, job.historyEnd, count, job.createdAt)
    : faker.helpers
        .multiple(() => alignToSecond(faker.number.int({ min: job.createdAt, max: job.historyEnd - 10 * minute })), { count })
        .sort((a, b) => a - b);
  if (triggers.length === 0 && !(job.scheduled && job.active)) {
    triggers.push(alignToSecond(faker.number.int({ min: job.createdAt, max: job.historyEnd - 10 * minute })));
  }
  const instances: InstanceTimeline[] = [];
  triggers.forEach((queuedAt, i) => {
    const limit = Math.min(triggers[i + 1] ?? Infinity, job.historyEnd) - second;
    const startedAt = Math.min(queuedAt + faker.number.int({ min: 2, max: 90 }) * second, limit - second);
    const endedAt = Math.min(startedAt + faker.number.int({ min: 45, max: 40 * 60 }) * second, limit);
    if (startedAt <= queuedAt || endedAt <= startedAt) return;
    instances.push({
      id: faker.string.uuid(),
      triggered_by: triggerOf(job),
      queued_at: queuedAt,
      started_at: startedAt,
      ended_at: endedAt,
      outcome: outcome(),
    });
  });
  if (job.active && faker.datatype.boolean(0.12)) {
    const queuedAt = alignToSecond(world.referenceTime - faker.number.int({ min: 1, max: 20 }) * minute);
    const previousEnd = instances.at(-1)?.ended_at ?? -Infinity;
    if (queuedAt > previousEnd && queuedAt > job.createdAt) {
      const startedAt = queuedAt + faker.number.int({ min: 2, max: 40 }) * second;
      const endedAt = world.referenceTime + faker.number.int({ min: 20, max: 60 }) * minute;
      instances.push({
        id: faker.string.uuid(),
        triggered_by: job.eoFlowEnabled ? 'event' : 'manual',
        queued_at: queuedAt,
        started_at: startedAt,
        ended_at: endedAt,
        outcome: outcome(),
      });
    }
  }
  return instances;
}

function triggerOf(job: HistoryInput): InstanceTimeline['triggered_by'] {
  if (job.scheduled) return 'schedule';
  return job.eoFlowEnabled && faker.datatype.boolean(0.7) ? 'event' : 'manual';
}

function outcome(): FinalOutcome {
  return faker.helpers.weightedArrayElement<FinalOutcome>([
    { value: 'completed', weight: 80 },
    { value: 'failed', weight: 14 },
    { value: 'cancelled', weight: 6 },
  ]);
}

/**
 * An inactive job's history stops when it was deactivated. Replaying a schedule up to an arbitrary
 * instant costs milliseconds in cron-parser, so deactivation happens at one of nine instants
 * (3, 9 or 16 days before the reference time, at one of three times of day), whose runs are memoised.
 */
function deactivationTime(referenceTime: number): number {
  const daysBefore = faker.helpers.arrayElement([3, 9, 16]);
  const timeOfDay = faker.helpers.arrayElement([9 * 60 + 12, 14 * 60 + 47, 16 * 60 + 5]) * minute;
  return Math.floor(referenceTime / day) * day - daysBefore * day + timeOfDay;
}

function alignToMinute(time: number): number {
  return Math.floor(time / minute) * minute;
}

function alignToSecond(time: number): number {
  return Math.floor(time / second) * second;
}
