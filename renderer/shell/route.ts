// Where the desk is: one of four screens, and inside Customers, which customer and pass.
// The door is the default: a desk opened at the door is ready for the queue at once.

/** What a fix button on the door asked for: the pass opens with that change under way. */
export type AdjustIntent = 'extend' | 'give-back';

export type CustomersRoute =
  | { screen: 'customers'; page: 'search' }
  | { screen: 'customers'; page: 'customer'; customerId: string; passId: string | null; intent: AdjustIntent | null; matchedCode?: string | null }
  | { screen: 'customers'; page: 'pass'; customerId: string; passId: string };

export type Route = { screen: 'door' } | { screen: 'attendance' } | CustomersRoute | { screen: 'setup' };

export type ScreenId = Route['screen'];

/** The tab bar, in order, with the function key that opens each screen from anywhere. */
export const screens: readonly { id: ScreenId; key: string }[] = [
  { id: 'door', key: 'F1' },
  { id: 'attendance', key: 'F2' },
  { id: 'customers', key: 'F3' },
  { id: 'setup', key: 'F4' },
];

export function routeOf(screen: ScreenId): Route {
  return screen === 'customers' ? { screen, page: 'search' } : { screen };
}

export type Navigate = (route: Route) => void;
