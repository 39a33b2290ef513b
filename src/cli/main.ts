#!/usr/bin/env node
import './earlySignals';
import { Command, CommanderError } from 'commander';
import { SetupError } from '../errors/setupError';

const version = (require('../../package.json') as { version: string }).version;

/** Exit codes: 0 success, 1 a contract violation (verify), 2 usage, configuration or connection error. */
const usageError = 2;

/**
 * The commands, each loaded only when needed: `rpa-mock serve` does not load the modules of
 * verify, calibrate, record and proxy (the contract checks), which would lengthen its start.
 */
const commands: Record<string, () => Command> = {
  serve: () => (require('./serveCommand') as typeof import('./serveCommand')).serveCommand(),
  mock: () => (require('./serveCommand') as typeof import('./serveCommand')).serveCommand('mock'),
  fixtures: () => (require('./fixturesCommand') as typeof import('./fixturesCommand')).fixturesCommand(),
  verify: () => (require('./verifyCommand') as typeof import('./verifyCommand')).verifyCommand(),
  calibrate: () => (require('./calibrateCommand') as typeof import('./calibrateCommand')).calibrateCommand(),
  record: () => (require('./recordCommand') as typeof import('./recordCommand')).recordCommand(),
  proxy: () => (require('./proxyCommand') as typeof import('./proxyCommand')).proxyCommand(),
  diff: () => (require('./diffCommand') as typeof import('./diffCommand')).diffCommand(),
  ionapi: () => (require('./ionapiCommand') as typeof import('./ionapiCommand')).ionapiCommand(),
};

/** The program with the command `argv` names, or every command (for --help, or a name it does not know). */
export function createProgram(argv: string[] = []): Command {
  const program = new Command('rpa-mock')
    .description('Mock server and contract-testing kit for the Infor OS RPA Jobs API.')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const named = argv[2];
  const wanted = named !== undefined && named in commands ? [named] : Object.keys(commands);
  for (const name of wanted) program.addCommand(commands[name]!().exitOverride().showHelpAfterError('(run with --help for usage)'));
  return program;
}

/** Runs the CLI; a setup problem ends with a message and exit 2, never a stack trace. */
export async function main(argv: string[]): Promise<void> {
  try {
    await createProgram(argv).parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : usageError;
      return;
    }
    if (error instanceof SetupError) {
      process.stderr.write(`rpa-mock: ${error.message}\n`);
      process.exitCode = usageError;
      return;
    }
    process.stderr.write(`rpa-mock: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = usageError;
  }
}

if (require.main === module) {
  // A reader that stops early (`rpa-mock fixtures | head`) ends the output, not the command: it
  // finishes (a verify still writes its --junit and --json files) and exits with its own code.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    process.stdout.destroy();
  });
  void main(process.argv);
}
