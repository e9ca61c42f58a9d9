import type { TestEngine } from '../db/test-engines.ts';
import { AlertFeed } from '../events/alert-feed.ts';
import type { TestClient } from '../http/test-client.ts';
import {
  enrolAndSignIn,
  type SeededClinic,
  signedInClinic,
  staffSignedIn,
} from '../http/test-fixtures.ts';

/**
 * A fresh database on a live alert feed: a clinic, its admin, an enrolled patient and a signed-in
 * care manager; the feed is closed after `body`, pass or fail.
 */
export async function onLiveFeed(
  engine: TestEngine,
  body: (live: {
    db: Awaited<ReturnType<TestEngine['open']>>['db'];
    clinic: SeededClinic;
    admin: TestClient;
    patientId: string;
    patient: TestClient;
    nurse: TestClient;
  }) => Promise<void>,
): Promise<void> {
  const database = await engine.open();
  const feed = await AlertFeed.start(database);
  try {
    const { clinic, client: admin } = await signedInClinic(database.db, 'admin', feed);
    const { patientId, client: patient } = await enrolAndSignIn(admin, clinic);
    const nurse = await staffSignedIn(admin, clinic, 'care_manager');
    await body({ db: database.db, clinic, admin, patientId, patient, nurse });
  } finally {
    await feed.close();
  }
}
