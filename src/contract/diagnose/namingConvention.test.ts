import { conventionsSpelling, toConvention } from './namingConvention';

describe('toConvention', () => {
  it.each([
    ['camelCase', 'jobName'],
    ['PascalCase', 'JobName'],
    ['Capitalised_snake', 'Job_name'],
    ['kebab-case', 'job-name'],
    ['UPPER_SNAKE', 'JOB_NAME'],
    ['snake_case', 'job_name'],
  ] as const)('spells job_name in %s as %s', (convention, spelled) => {
    expect(toConvention('job_name', convention)).toBe(spelled);
  });

  it('knows which conventions spell a one-word name alike', () => {
    expect(conventionsSpelling('id', 'Id')).toEqual(['PascalCase', 'Capitalised_snake']);
    expect(conventionsSpelling('job_name', 'jobname')).toEqual([]);
  });
});
