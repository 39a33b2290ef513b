import { ConnectionError, type Exchange, type Send } from '../httpClient';

/** Bytes of answers a calibration keeps to check its overlay against: a 5,000-job sample fits many times. */
const replayBytes = 256 * 1024 * 1024;

/**
 * The answers of a run, kept so that the same checks can run again on them without asking the
 * tenant twice: calibration proves its overlay accepts every sample it learned from by verifying
 * the recording with it. Bounded in bytes: past the bound, `complete` is false and no proof is made.
 */
export class Recording {
  private readonly exchanges: { key: string; shape: string; exchange: Exchange }[] = [];
  private bytes = 0;
  complete = true;

  /** The client's send, recording each answer. */
  wrap(send: Send): Send {
    return async (method, pathAndQuery, options) => {
      const exchange = await send(method, pathAndQuery, options);
      this.bytes += exchange.text.length;
      if (this.bytes > replayBytes) this.complete = false;
      else
        this.exchanges.push({
          key: keyOf(method, pathAndQuery, options?.auth),
          shape: shapeOf(method, pathAndQuery, options?.auth),
          exchange,
        });
      return exchange;
    };
  }

  /**
   * A send that answers from the recording: the same request gets the same answer; a request for an
   * id made up at random (an unknown-id check) gets the answer to the one made up the first time.
   */
  replay(): Send {
    const used = new Set<number>();
    return async (method, pathAndQuery, options) => {
      const key = keyOf(method, pathAndQuery, options?.auth);
      const shape = shapeOf(method, pathAndQuery, options?.auth);
      let index = this.exchanges.findIndex((entry, i) => !used.has(i) && entry.key === key);
      if (index < 0) index = this.exchanges.findIndex((entry, i) => !used.has(i) && entry.shape === shape);
      if (index < 0) index = this.exchanges.findIndex((entry) => entry.key === key);
      if (index < 0) throw new ConnectionError(`${method} ${pathAndQuery}: not in the calibration's sample`, 'unreachable');
      used.add(index);
      return this.exchanges[index]!.exchange;
    };
  }
}

function keyOf(method: string, pathAndQuery: string, auth: unknown): string {
  return `${method} ${pathAndQuery} ${JSON.stringify(auth ?? 'default')}`;
}

/** The request with its UUIDs blanked: the unknown-id checks make a new one each run. */
function shapeOf(method: string, pathAndQuery: string, auth: unknown): string {
  return keyOf(method, pathAndQuery.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{uuid}'), auth);
}
