// This desk's last check-ins, asked again at every change of the desk's data and after each
// check-in or undo.
import { useCallback, useEffect, useState } from 'react';
import type { DeskClient, RecentCheckIn } from '../../shared/schema/api';

export function useRecentCheckIns(desk: DeskClient, venueId: string | null, dataVersion: number): { recent: RecentCheckIn[]; refreshRecent: () => void } {
  const [recent, setRecent] = useState<RecentCheckIn[]>([]);
  const refreshRecent = useCallback(() => {
    desk.recentCheckIns({}).then((result) => {
      if (result.ok) setRecent(result.items);
    }).catch(() => undefined);
  }, [desk]);
  useEffect(() => {
    if (venueId !== null) refreshRecent();
  }, [refreshRecent, venueId, dataVersion]);
  return { recent, refreshRecent };
}
