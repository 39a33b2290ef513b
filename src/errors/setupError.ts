/**
 * A problem of set-up, not of a request: a bad spec, fixture, scenario or credentials file, a port in
 * use, a missing flag. The CLI prints its message and exits 2; it never becomes an HTTP answer.
 */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
