// The schema comes from numbered migrations recorded in a `migrations` table: applied once,
// a no-op the second time, and safe when several replicas start at the same moment.
import { describe, expect, it } from 'vitest';
import { migrate, migrations } from '../../server/db/migrations';
import { openDatabase } from '../../server/db/openDatabase';
import { backends } from './testBackends';

describe.each(backends)('migrations on $name', (backend) => {
  it.skipIf(backend.skip !== null)('are applied once, recorded, and a no-op when run again, even concurrently', async () => {
    const location = await backend.location();
    const opened = await openDatabase(location, 'migration test');
    if (!opened.ok) throw new Error(opened.message);
    const replicas = location.kind === 'postgres' ? await Promise.all([openDatabase(location, 'a'), openDatabase(location, 'b')]) : [];
    try {
      const recorded = await opened.db.query<{ id: number; name: string }>('SELECT id, name FROM migrations ORDER BY id');
      expect(recorded.map((row) => row.id)).toEqual(migrations.map((migration) => migration.id));
      expect(await migrate(opened.db)).toEqual([]);
      const tables = await opened.db.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
      expect(tables.map((row) => row.name)).toEqual(['admin_token', 'devices', 'document_counts', 'documents', 'hub_checkpoints', 'migrations', 'pass_summaries', 'pass_summaries_upto', 'staff', 'venues']);
    } finally {
      for (const replica of replicas) if (replica.ok) await replica.db.close();
      await opened.db.close();
    }
  });
});
