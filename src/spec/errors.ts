import { SetupError } from '../errors/setupError';
/** A spec file that cannot be read or breaks the OpenAPI rules: bad setup, not an HTTP outcome. */
export class SpecError extends SetupError {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`The spec ${file} cannot be used: ${reason}`);
  }
}
