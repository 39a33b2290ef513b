#!/usr/bin/env node
import './earlySignals';
import { Command, CommanderError } from 'commander';
import { SetupError } from '../errors/setupError';
import { fixturesCommand } from './fixturesCommand';
import { serveCommand } from './serveCommand';
import { proxyCommand } from './proxyCommand';
import { verifyCommand } from './verifyCommand';
import { calibrateCommand } from './calibrateCommand';
import { recordCommand } from './recordCommand';

const version = (require('../../package.json') as { version: string }).version;

/** Exit codes: 0 success, 1 a contract violation (verify), 2 usage, configuration or connection error. */
const usageError = 2;

export function createProgram(): Command {
  const program = new Command('rpa-mock')
    .description('Mock server and contract-testing kit for the Infor OS RPA Jobs API.')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addCommand(serveCommand())
    .addCommand(serveCommand('mock'))
    .addCommand(fixturesCommand())
    .addCommand(verifyCommand())
    .addCommand(calibrateCommand())
    .addCommand(recordCommand())
    .addCommand(proxyCommand());
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

/** Runs the CLI; a setup problem ends with a message and exit 2, never a stack trace. */
export async function main(argv: string[]): Promise<void> {
  try {
    await createProgram().parseAsync(argv);
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

if (require.main === module) void main(process.argv);
