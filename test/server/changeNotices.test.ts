// A change notice is defined once (server/sync/changeNotices.ts): the SQL that the push's one
// statement announces with (changesNoticeSql, db/pushedEntries.ts) gives the same notice as the
// TypeScript that every other writer announces with (noticeText), on both engines.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/openDatabase';
import type { ChangeNotice } from '../../server/sync/changeNotices';
import { changesNoticeSql, noticeText, parseNotice } from '../../server/sync/changeNotices';
import { backends } from './testBackends';

describe.each(backends)('a change notice on $name', (backend) => {
  it.skipIf(backend.skip !== null)('is the same whether SQL or TypeScript builds it', async () => {
    const opened = await openDatabase(await backend.location(), 'change notices');
    if (!opened.ok) throw new Error(opened.message);
    try {
      const notice: ChangeNotice = { kind: 'changes', venueId: 'venue "ü" 1', collection: 'ledger', seq: 9_007_199_254 };
      const rows = await opened.db.query<{ text: string }>(`SELECT ${changesNoticeSql('$1::text', '$2::text', '$3::bigint')} AS text`, [notice.venueId, notice.collection, notice.seq]);
      const fromSql = rows[0]!.text;
      expect(JSON.parse(fromSql)).toEqual(JSON.parse(noticeText(notice)));
      expect(parseNotice(fromSql)).toEqual(notice);
    } finally {
      await opened.db.close();
    }
  });
});
