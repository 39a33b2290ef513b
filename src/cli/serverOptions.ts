import { Option } from 'commander';
import { defaultOptions } from '../options';
import { defaultRequestTimeoutMs } from '../server/listen';
import { bytesIn, collect, integerIn } from './parsers';

/** The flags `serve` and `proxy` share: where they listen, who may call, what they log and keep. */
export function serverOptions(): Option[] {
  return [
    new Option('-p, --port <port>', 'port to listen on (0 picks a free one)')
      .default(defaultOptions.port)
      .argParser(integerIn(0, 65535, 'port')),
    new Option('-H, --host <host>', 'address to listen on; 0.0.0.0 exposes it to the network').default(defaultOptions.host),
    new Option('--no-control', 'do not serve the control API (/__mock), the inspector (/__mock/) and /docs'),
    new Option('--journal-size <count>', 'how many requests the journal keeps')
      .default(defaultOptions.journalSize)
      .argParser(integerIn(1, 100_000, 'journal-size')),
    new Option(
      '--journal-bytes <bytes>',
      'bytes the journal may hold, its entries and the answers it keeps for a check together (512k, 32m …); the oldest go first, and an answer over a quarter of it is journaled unchecked',
    )
      .default(defaultOptions.journalBytes, '32m')
      .argParser(bytesIn(64 * 1024, 4 * 1024 ** 3, 'journal-bytes')),
    new Option(
      '--request-timeout <ms>',
      'time a request may take to arrive, headers and body; a slower one gets 408 and its connection closed',
    )
      .default(defaultRequestTimeoutMs)
      .argParser(integerIn(1_000, 30_000, 'request-timeout')),
    new Option('--cors-origin <origin>', "browser origin allowed besides localhost ones; repeatable, '*' for all").argParser(collect),
    new Option('--log-format <format>', "request log: 'auto' (readable on a terminal, JSON lines otherwise), 'pretty' or 'json'")
      .choices(['auto', 'pretty', 'json'])
      .default('auto'),
    new Option('-q, --quiet', 'no request log and no start-up message (the journal still records)'),
  ];
}
