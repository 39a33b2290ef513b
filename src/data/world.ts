import type { Faker } from '@faker-js/faker';
import { faker as englishFaker } from '@faker-js/faker/locale/en';
import { createSeededRandomizer } from './randomizer';
import { deviceSites, emailDomains, processes, robotNames, rpaRoles } from './catalog';
import { hashString, uuidFromWords } from './hash';

/** A named RPA environment with its id. */
export interface Environment {
  name: string;
  environment_id: string;
}

export interface Person {
  id: string;
  display_name: string;
  email: string;
  rpa_role: (typeof rpaRoles)[number];
}

export interface Robot {
  robot_id: string;
  robot_name: string;
  machine_id: string;
  device_name: string;
}

/** What every job of one seed shares: environments, people, robots and processes. */
export interface World {
  seed: number;
  /** The instant generated data is relative to (epoch ms). */
  referenceTime: number;
  environments: Environment[];
  people: Person[];
  robots: Robot[];
  processIds: string[];
}

export const environmentNames = ['default', 'development', 'test', 'production'];

/**
 * One Faker for the process, reseeded before every use so each output depends only on its seed.
 * Built from the English-only entry point: the main one loads every locale, which the start would wait for.
 */
const FakerWithRandomizer = englishFaker.constructor as typeof Faker;
export const faker: Faker = new FakerWithRandomizer({ locale: englishFaker.rawDefinitions, randomizer: createSeededRandomizer() });

const salt = { environment: 0xe4, process: 0x9c, people: 0x9e, robots: 0x7b };

/** Builds the shared world of a seed; small and quick, made once at start-up. */
export function createWorld(seed: number, referenceTime: number): World {
  return {
    seed,
    referenceTime,
    environments: environmentNames.map((name) => ({ name, environment_id: uuidFromWords([seed, salt.environment, hashString(name)]) })),
    people: createPeople(seed),
    robots: createRobots(seed),
    processIds: processes.map((_, i) => uuidFromWords([seed, salt.process, i])),
  };
}

function createPeople(seed: number): Person[] {
  faker.seed([seed, salt.people]);
  return Array.from({ length: 40 }, (_, i) => {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    return {
      id: faker.string.uuid(),
      display_name: `${firstName} ${lastName}`,
      email: faker.internet.email({ firstName, lastName, provider: emailDomains[i % emailDomains.length] }).toLowerCase(),
      rpa_role: i < 4 ? 'RPA-Admin' : i < 14 ? 'RPA-Process_Admin' : 'RPA-User',
    };
  });
}

function createRobots(seed: number): Robot[] {
  faker.seed([seed, salt.robots]);
  return robotNames.flatMap((team, t) =>
    [1, 2].map((n) => {
      const site = deviceSites[(t + n) % deviceSites.length]!;
      return {
        robot_id: faker.string.uuid(),
        robot_name: `Robot-${team}-${String(n).padStart(2, '0')}`,
        machine_id: faker.string.uuid(),
        device_name: `RPA-VM-${site}-${String(faker.number.int({ min: 1, max: 40 })).padStart(2, '0')}`,
      };
    }),
  );
}
