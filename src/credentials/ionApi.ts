import { readFile } from 'node:fs/promises';
import { checkIonApi, IonApiError, type IonApiCredentials } from './ionApiCredentials';

export { baseUrlOf, IonApiError, type IonApiCredentials } from './ionApiCredentials';

/** Reads an `.ionapi` file as downloaded from the ION API gateway's Authorized Apps page. */
export async function readIonApi(file: string): Promise<IonApiCredentials> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'no such file'
        : error instanceof SyntaxError
          ? 'it is not JSON'
          : (error as Error).message;
    throw new IonApiError(`the .ionapi file ${file} cannot be read: ${reason}`);
  }
  return checkIonApi(data, `the .ionapi file ${file}`);
}
