import { catchStopSignals } from '../server/shutdown';

// Imported first by the CLI: a server command stopped while its modules still load exits 0 like
// one stopped later, not with the default 143.
if (['serve', 'proxy'].includes(process.argv[2] ?? '')) catchStopSignals();
