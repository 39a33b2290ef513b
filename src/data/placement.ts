import type { JobType } from '../spec/types';
import { unitFloat } from './hash';
import type { World } from './world';

/** Share of jobs per environment, in the order of `environmentNames`: most live in `default`. */
const environmentWeights = [0.55, 0.15, 0.15, 0.15];
const unattendedShare = 0.75;

/** Where job `index` lives and what kind it is, from a hash: cheap enough to filter 100,000 jobs. */
export function placeJob(world: World, index: number): { environmentIndex: number; type: JobType } {
  let draw = unitFloat([world.seed, index, 0xe1]);
  let environmentIndex = 0;
  while (environmentIndex < environmentWeights.length - 1 && draw >= environmentWeights[environmentIndex]!) {
    draw -= environmentWeights[environmentIndex]!;
    environmentIndex += 1;
  }
  return { environmentIndex, type: unitFloat([world.seed, index, 0x7e]) < unattendedShare ? 'Unattended' : 'Attended' };
}
