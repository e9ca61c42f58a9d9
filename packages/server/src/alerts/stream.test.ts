import assert from 'node:assert/strict';
import { forEachEngine } from '../db/test-engines.ts';
import { AlertFeed } from '../events/alert-feed.ts';
import {
  enrolAndSignIn,
  seedClinic,
  sendCheckin,
  signedInClinic,
  staffSignedIn,
} from '../http/test-fixtures.ts';
import { onLiveFeed } from './live-feed.test-helper.ts';

forEachEngine((engine) => {
  engine.test(
    'a nurse’s event stream shows a new red-flag alert, and its acknowledgement, as they happen',
    async () => {
      await onLiveFeed(engine, async ({ patientId, patient, nurse }) => {
        const stream = await nurse.stream('/api/alerts/stream');
        assert.equal(stream.status, 200);
        assert.equal((await stream.next()).event, 'ready');

        const posted = await sendCheckin(patient, patientId, {
          saddleNumbness: 'yes',
          urinaryRetention: 'yes',
        });
        const alertId = (posted.json.alert as { id: string }).id;
        const created = await stream.next();
        assert.equal(created.event, 'alert');
        assert.deepEqual(
          { ...(created.data as object), clinicId: undefined },
          {
            clinicId: undefined,
            alertId,
            patientId,
            level: 'emergency',
            status: 'open',
            offTrack: false,
            escalationStep: 0,
            op: 'insert',
          },
        );
        await nurse.post(`/api/alerts/${alertId}/acknowledge`, {});
        const acknowledged = await stream.next();
        assert.equal((acknowledged.data as { status: string }).status, 'acknowledged');
        await stream.close();
      });
    },
  );

  engine.test(
    'another clinic’s alerts never reach the stream, and patients cannot open it',
    async () => {
      const database = await engine.open();
      const feed = await AlertFeed.start(database);
      try {
        const mine = await seedClinic(database.db);
        const { clinic: other, client: otherAdmin } = await signedInClinic(
          database.db,
          'admin',
          feed,
        );
        const { patientId, client: otherPatient } = await enrolAndSignIn(otherAdmin, other);
        const nurse = await staffSignedIn(otherAdmin, mine, 'care_manager');
        const stream = await nurse.stream('/api/alerts/stream');
        await stream.next();
        await sendCheckin(otherPatient, patientId, { chestPain: 'yes' });
        // Then one of ours: the first event we see must be it.
        const myAdmin = await staffSignedIn(otherAdmin, mine, 'admin');
        const me = await enrolAndSignIn(myAdmin, mine);
        await sendCheckin(me.client, me.patientId, { chestPain: 'yes' });
        const event = await stream.next();
        assert.equal((event.data as { clinicId: string }).clinicId, mine.clinicId);
        await stream.close();
        const denied = await otherPatient.request('GET', '/api/alerts/stream');
        assert.equal(denied.status, 403);
      } finally {
        await feed.close();
      }
    },
  );
});
