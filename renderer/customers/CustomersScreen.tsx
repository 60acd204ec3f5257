// Customers and passes (SPEC "Front-desk staff ... look a customer up, open their passes"):
// find → customer → pass, each step one key, Esc one step back. The search text outlives
// the screen, so going back finds the list as it was left.
import type { DeskClient } from '../../shared/schema/api';
import type { CustomersRoute, Navigate } from '../shell/route';
import { CustomerFinder } from './CustomerFinder';
import { CustomerPage } from './CustomerPage';
import { PassPage } from './PassPage';

type Props = {
  desk: DeskClient;
  route: CustomersRoute;
  navigate: Navigate;
  query: string;
  onQueryChange: (query: string) => void;
  timeZone: string | null;
  dataVersion: number;
  nowMs: number;
};

export function CustomersScreen({ desk, route, navigate, query, onQueryChange, timeZone, dataVersion, nowMs }: Props) {
  switch (route.page) {
    case 'search':
      return (
        <CustomerFinder
          desk={desk}
          dataVersion={dataVersion}
          query={query}
          onQueryChange={onQueryChange}
          onOpen={(hit) => navigate({ screen: 'customers', page: 'customer', customerId: hit.customer.id, passId: null, intent: null, matchedCode: hit.matchedCode })}
        />
      );
    case 'customer':
      return (
        <CustomerPage
          key={route.customerId}
          desk={desk}
          customerId={route.customerId}
          passId={route.passId}
          matchedCode={route.matchedCode ?? null}
          intent={route.intent}
          timeZone={timeZone ?? 'UTC'}
          dataVersion={dataVersion}
          nowMs={nowMs}
          onOpenPass={(passId) => navigate({ screen: 'customers', page: 'pass', customerId: route.customerId, passId })}
          onBack={() => navigate({ screen: 'customers', page: 'search' })}
        />
      );
    case 'pass':
      return (
        <PassPage
          desk={desk}
          passId={route.passId}
          dataVersion={dataVersion}
          onBack={() => navigate({ screen: 'customers', page: 'customer', customerId: route.customerId, passId: route.passId, intent: null })}
        />
      );
  }
}
