import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  UnknownRow,
} from 'kysely';
import type { Store } from '../../src/store/connection.js';

/**
 * Counts the reads and writes a store serves: every query Kysely runs (also
 * one compiled once and run many times), and the store revision when SQLite
 * reads it straight from its prepared statement.
 */
export class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count += 1;
    return args.result;
  }

  /** The same store, counted. */
  wrap(store: Store): Store {
    const direct = store.readRevisionNow;
    return {
      ...store,
      db: store.db.withPlugin(this),
      readRevisionNow: direct
        ? () => {
            const revision = direct();
            if (revision !== null) this.count += 1; // else Kysely reads it, and counts it
            return revision;
          }
        : undefined,
    };
  }
}
