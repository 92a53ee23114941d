// Command line: `start` (default) runs Nahbar, `migrate` only brings the database up to date,
// `simulate` publishes demo machine data to a running Nahbar.
import { BrokerListenError } from './telemetry/mqtt-broker.js';
import { issueSetupLink } from './accounts/setup.js';
import { migrateToLatest, openDatabase } from './db/database.js';
import { ConfigError, loadConfig } from './env.js';
import type { Config } from './env.js';
import { createLogger } from './lib/logger.js';
import type { Logger } from './lib/logger.js';
import { startNahbar } from './nahbar.js';
import type { Nahbar } from './nahbar.js';
import { SetupRequiredError } from './simulator/demo-fleet.js';
import { SIMULATE_USAGE, parseSimulateArgs, runSimulateCommand } from './simulator/simulate.js';
import { SimulatorError } from './simulator/simulator.js';

const USAGE = `Usage: nahbar [start|migrate|simulate|help]
  start    run Nahbar (default)
  migrate  apply database migrations and exit
  simulate publish demo machine data to the running Nahbar (simulate --help for options)
Configuration comes from NAHBAR_* environment variables; see docs/OPERATIONS.md.`;

async function start(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  // Signal handlers come first: a SIGTERM during start-up must still shut down gracefully.
  let stopRequested: string | null = null;
  let nahbar: Nahbar | null = null;
  const shutdown = (signal: string) => {
    if (stopRequested) return;
    stopRequested = signal;
    if (nahbar) void stopAndExit(nahbar, signal, logger);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  try {
    nahbar = await startNahbar(config, { logger });
  } catch (err) {
    // A taken MQTT port is a setup problem with a known fix: say it plainly, no stack trace.
    if (err instanceof BrokerListenError) {
      console.error(`\n  ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  logger.info({ url: config.publicUrl, port: nahbar.port }, 'Nahbar is running');
  if (stopRequested) return stopAndExit(nahbar, stopRequested, logger);
  const setupLink = await issueSetupLink(nahbar.db, config.publicUrl);
  if (setupLink) {
    console.log(`\n  Nahbar is running at ${config.publicUrl}`);
    console.log(`  Open this one-time link to create the owner account:\n\n    ${setupLink}\n`);
  }
}

async function stopAndExit(nahbar: Nahbar, signal: string, logger: Logger): Promise<void> {
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    logger.error('shutdown took too long; exiting');
    process.exit(1);
  }, 10_000);
  force.unref();
  try {
    await nahbar.stop();
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}

async function migrate(config: Config): Promise<void> {
  const db = openDatabase(config.database);
  try {
    const result = await migrateToLatest(db);
    const applied = result.results?.filter((r) => r.status === 'Success') ?? [];
    console.log(
      applied.length === 0
        ? 'The database is up to date.'
        : `Applied ${applied.length} migration(s): ${applied.map((r) => r.migrationName).join(', ')}`,
    );
  } finally {
    await db.destroy();
  }
}

async function simulate(config: Config, args: string[]): Promise<void> {
  const parsed = parseSimulateArgs(args);
  if (parsed.kind === 'help') {
    console.log(SIMULATE_USAGE);
    return;
  }
  if (parsed.kind === 'invalid') {
    console.error(`${parsed.message}\n${SIMULATE_USAGE}`);
    process.exit(2);
  }
  const stop = new AbortController();
  const onSignal = () => {
    // A second Ctrl-C does not wait for outstanding acknowledgements.
    if (stop.signal.aborted) process.exit(130);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await runSimulateCommand(config, parsed.options, {
      print: (line) => console.log(line),
      signal: stop.signal,
    });
  } catch (err) {
    if (err instanceof SimulatorError || err instanceof SetupRequiredError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'start';
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  if (command === 'start') return start(config);
  if (command === 'migrate') return migrate(config);
  if (command === 'simulate') return simulate(config, argv.slice(1));
  console.error(`Unknown command "${command}".\n${USAGE}`);
  process.exit(2);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
