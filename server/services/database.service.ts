// The database service: migrates on start and closes the connection pool on stop.
import { migrateToLatest } from '../db/database.js';
import type { Db } from '../db/database.js';
import type { Service } from './service.js';

/** Owns the database handle's lifecycle. */
export class DatabaseService implements Service {
  readonly name = 'database';

  constructor(readonly db: Db) {}

  /** Applies pending migrations. */
  async start(): Promise<void> {
    await migrateToLatest(this.db);
  }

  /** Closes the database. */
  async stop(): Promise<void> {
    await this.db.destroy();
  }
}
