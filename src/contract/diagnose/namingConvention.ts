/** The ways a server may spell a documented snake_case name on the wire. */
export const namingConventions = ['snake_case', 'camelCase', 'PascalCase', 'Capitalised_snake', 'kebab-case', 'UPPER_SNAKE'] as const;
export type NamingConvention = (typeof namingConventions)[number];

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `toConvention('job_name', 'camelCase')` → `jobName`. */
export function toConvention(snake: string, convention: NamingConvention): string {
  const words = snake.split('_');
  switch (convention) {
    case 'snake_case':
      return snake;
    case 'camelCase':
      return words[0]! + words.slice(1).map(capitalise).join('');
    case 'PascalCase':
      return words.map(capitalise).join('');
    case 'Capitalised_snake':
      return capitalise(snake);
    case 'kebab-case':
      return words.join('-');
    case 'UPPER_SNAKE':
      return snake.toUpperCase();
  }
}

/** The conventions that spell `snake` as `found`: `conventionsSpelling('id', 'Id')` → PascalCase, Capitalised_snake. */
export function conventionsSpelling(snake: string, found: string): NamingConvention[] {
  return namingConventions.filter((convention) => toConvention(snake, convention) === found);
}

/** Whether two names have the same letters in another case or style (`jobName`, `job-name`, `job_name`). */
export function sameLetters(a: string, b: string): boolean {
  const letters = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return letters(a) === letters(b);
}
