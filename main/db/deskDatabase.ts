// The desk's RxDatabase: the six collections of docs/architecture.md and the bundles of
// records taken in bulk, on whatever RxStorage the topology provides (Dexie in the storage
// host page over the remote-storage bridge; Dexie over fake-indexeddb in fast tests and the
// scenario runner).
import { addRxPlugin, createRxDatabase } from 'rxdb';
import type { RxCollection, RxDatabase, RxStorage } from 'rxdb';
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents';
import { BUNDLES_COLLECTION, bundleCollectionSchema, collectionSchemas } from '../../shared/schema/collections';
import type { BundleDocument, LedgerDocument } from '../../shared/schema/collections';
import type { Booking, Customer, Pass, Product, Session, Venue } from '../../shared/schema/records';

addRxPlugin(RxDBLocalDocumentsPlugin);

export type DeskCollections = {
  customers: RxCollection<Customer>;
  products: RxCollection<Product>;
  passes: RxCollection<Pass>;
  sessions: RxCollection<Session>;
  bookings: RxCollection<Booking>;
  ledger: RxCollection<LedgerDocument>;
  /** Records taken in bulk (a snapshot from the endpoint, a venue file), many to a document. */
  bundles: RxCollection<BundleDocument>;
};

export type DeskDatabase = RxDatabase<DeskCollections>;

/** The local document that says which venue this desk holds. */
export const VENUE_DOCUMENT = 'venue';
export type VenueDocument = { venue: Venue };

export async function openDeskDatabase(storage: RxStorage<unknown, unknown>, name = 'boxoffice'): Promise<DeskDatabase> {
  const db = await createRxDatabase<DeskCollections>({
    name,
    storage,
    multiInstance: false,
    // One process owns the data (main); there is nobody to elect.
    eventReduce: true,
    localDocuments: true,
    closeDuplicates: true,
  });
  try {
    await db.addCollections({
      customers: { schema: collectionSchemas.customers },
      products: { schema: collectionSchemas.products },
      passes: { schema: collectionSchemas.passes },
      sessions: { schema: collectionSchemas.sessions },
      bookings: { schema: collectionSchemas.bookings },
      ledger: { schema: collectionSchemas.ledger },
      [BUNDLES_COLLECTION]: { schema: bundleCollectionSchema },
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

export async function readVenue(db: DeskDatabase): Promise<Venue | null> {
  const doc = await db.getLocal<VenueDocument>(VENUE_DOCUMENT);
  return doc ? doc.toJSON().data.venue : null;
}

export async function writeVenue(db: DeskDatabase, venue: Venue): Promise<void> {
  await db.upsertLocal<VenueDocument>(VENUE_DOCUMENT, { venue });
}
