// The small venue of the browser end-to-end test (test/e2e/doorCheckIn.spec.ts), as a venue
// file, which is how an Electron desk is given one (BOX_OFFICE_INITIAL_VENUE).
const product = (id: string, uses: number) => ({ id, name: `${uses}-class pass`, uses, expiry: { kind: 'none' }, validFor: 'all' });

export const venueFile = {
  venue: { id: 'electron-venue', timeZone: 'Europe/London', name: 'End-to-end Studio' },
  products: [product('p-10', 10), product('p-5', 5), product('p-3', 3)],
  customers: [
    { id: 'c-ada', name: 'Ada Lovelace', email: 'ada@example.com' },
    { id: 'c-zoe', name: "Zoë O'Brien", email: 'zoe@example.com' },
  ],
  passes: [
    { id: 'x-ada-old', customerId: 'c-ada', productId: 'p-10', purchasedAt: '2026-01-05T10:00:00Z', code: 'PASS-0001' },
    { id: 'x-ada-new', customerId: 'c-ada', productId: 'p-5', purchasedAt: '2026-03-01T10:00:00Z', code: 'PASS-0002' },
    {
      id: 'x-zoe', customerId: 'c-zoe', productId: 'p-3', purchasedAt: '2026-01-05T10:00:00Z', code: 'PASS-0003',
      terms: { uses: 3, expiry: { kind: 'fixed', date: '2026-01-31' }, validFor: 'all' },
    },
  ],
};
