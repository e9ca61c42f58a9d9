import assert from 'node:assert/strict';
import { base32Decode, totpCode } from '../auth/totp.ts';
import { auditOf, disableUser } from '../db/test-data.ts';
import { forEachEngine } from '../db/test-engines.ts';
import { TestClient } from '../http/test-client.ts';
import {
  aSignedInPatient,
  enrolAndSignIn,
  freshSignedInClinic,
  signInStaff,
  staffPassword,
  staffSignedIn,
  twoClinics,
} from '../http/test-fixtures.ts';
import { invitationDays } from './staff.ts';

const newPassword = 'a long new passphrase';

forEachEngine((engine) => {
  engine.test('an admin invites staff; the invitee sets a password once and signs in', async () => {
    const { db, clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
    const email = 'new.nurse@clinic.example';

    const invited = await admin.post('/api/staff/invitations', {
      email: 'New.Nurse@clinic.example',
      role: 'care_manager',
      name: 'Nia Nurse',
    });
    assert.equal(invited.status, 201, invited.text);
    assert.equal(
      new Date(String(invited.json.expiresAt)).getTime() - admin.clock.getTime(),
      invitationDays * 86_400_000,
    );
    const token = /invitation token (\S+)/.exec(admin.mail.at(-1) ?? '')?.[1] ?? '';
    assert.ok(token.startsWith(`${clinic.clinicId}.`));
    const mail = await db
      .selectFrom('outbox')
      .select(['to_address', 'kind', 'body_text'])
      .where('clinic_id', '=', clinic.clinicId)
      .executeTakeFirstOrThrow();
    assert.deepEqual([mail.to_address, mail.kind], [email, 'staff_invite']);
    assert.ok(mail.body_text.includes(token));
    // The email carries a link to the console's set-password page, from the public address.
    assert.match(mail.body_text, /https?:\/\/\S+\/console\?invitation=\S+/);
    const stored = await db
      .selectFrom('sign_in_tokens')
      .select('token_hash')
      .where('clinic_id', '=', clinic.clinicId)
      .where('purpose', '=', 'staff_invite')
      .executeTakeFirstOrThrow();
    assert.ok(!token.includes(stored.token_hash), 'only a hash of the secret is stored');

    const again = await admin.post('/api/staff/invitations', {
      email,
      role: 'clinician',
      name: 'X',
    });
    assert.equal(again.status, 409);

    const invitee = new TestClient(db);
    const signInEarly = await invitee.post('/api/auth/sign-in', {
      clinic: clinic.slug,
      email,
      password: newPassword,
    });
    assert.equal(signInEarly.status, 401, 'no password before the invitation is accepted');

    const short = await invitee.post('/api/auth/staff/accept-invitation', {
      token,
      password: 'short',
    });
    assert.equal(short.status, 400);
    assert.deepEqual(
      (short.json.errors as { field: string }[]).map((e) => e.field),
      ['password'],
    );
    const accepted = await invitee.post('/api/auth/staff/accept-invitation', {
      token,
      password: newPassword,
    });
    assert.equal(accepted.status, 200, accepted.text);
    const reused = await invitee.post('/api/auth/staff/accept-invitation', {
      token,
      password: 'another long passphrase',
    });
    assert.equal(reused.status, 400, 'an invitation works once');
    assert.equal((reused.json.errors as { field: string }[])[0]?.field, 'token');

    const signedIn = await invitee.post('/api/auth/sign-in', {
      clinic: clinic.slug,
      email,
      password: newPassword,
    });
    assert.equal(signedIn.status, 200, signedIn.text);
    assert.equal(signedIn.json.role, 'care_manager');
    const hash = await db
      .selectFrom('users')
      .select('password_hash')
      .where('clinic_id', '=', clinic.clinicId)
      .where('id', '=', String(invited.json.userId))
      .executeTakeFirstOrThrow();
    assert.match(hash.password_hash ?? '', /^\$argon2id\$/);
  });

  engine.test(
    'invitations: only admins invite, and expired or forged codes are refused',
    async () => {
      const { clinic, client: admin } = await freshSignedInClinic(engine, 'admin');
      for (const role of ['care_manager', 'clinician', 'reviewer'] as const) {
        const staff = admin.fork();
        await signInStaff(staff, clinic, role);
        const response = await staff.post('/api/staff/invitations', {
          email: `x-${role}@clinic.example`,
          role: 'admin',
          name: 'X',
        });
        assert.equal(response.status, 403, role);
      }
      const badRole = await admin.post('/api/staff/invitations', {
        email: 'p@clinic.example',
        role: 'patient',
        name: 'P',
      });
      assert.equal(badRole.status, 400);

      await admin.post('/api/staff/invitations', {
        email: 'late@clinic.example',
        role: 'clinician',
        name: 'L',
      });
      const token = /invitation token (\S+)/.exec(admin.mail.at(-1) ?? '')?.[1] ?? '';
      admin.clock = new Date(admin.clock.getTime() + (invitationDays + 1) * 86_400_000);
      const late = await admin
        .fork()
        .post('/api/auth/staff/accept-invitation', { token, password: newPassword });
      assert.equal(late.status, 400, 'expired');
      const forged = await admin.fork().post('/api/auth/staff/accept-invitation', {
        token: `${clinic.clinicId}.${'A'.repeat(43)}`,
        password: newPassword,
      });
      assert.equal(forged.status, 400);
    },
  );

  engine.test('staff turn on TOTP; sign-in then needs the code', async () => {
    const { db, clinic, client: surgeon } = await freshSignedInClinic(engine, 'clinician');
    assert.equal(
      (await surgeon.post('/api/auth/totp/enable', { password: staffPassword, code: '123456' }))
        .status,
      409,
      'setup first',
    );

    const setup = await surgeon.post('/api/auth/totp/setup', {});
    assert.equal(setup.status, 200, setup.text);
    const secret = String(setup.json.secret);
    assert.match(String(setup.json.otpauthUri), new RegExp(`^otpauth://totp/.*secret=${secret}`));
    const codeAt = (date: Date) =>
      totpCode(base32Decode(secret), Math.floor(date.getTime() / 1000));
    const wrong = String((Number(codeAt(surgeon.clock)) + 1) % 1_000_000).padStart(6, '0');
    const refused = await surgeon.post('/api/auth/totp/enable', {
      password: staffPassword,
      code: wrong,
    });
    assert.equal(refused.status, 400);
    assert.equal((refused.json.errors as { field: string }[])[0]?.field, 'code');
    assert.equal((await surgeon.get('/api/auth/me')).json.totpEnabled, false);

    const noPassword = await surgeon.post('/api/auth/totp/enable', {
      password: 'not my password at all',
      code: codeAt(surgeon.clock),
    });
    assert.equal(noPassword.status, 400, 'turning TOTP on asks for the password again');
    assert.equal((noPassword.json.errors as { field: string }[])[0]?.field, 'password');
    const enabled = await surgeon.post('/api/auth/totp/enable', {
      password: staffPassword,
      code: codeAt(surgeon.clock),
    });
    assert.equal(enabled.status, 200, enabled.text);
    assert.equal((await surgeon.get('/api/auth/me')).json.totpEnabled, true);
    assert.equal((await surgeon.post('/api/auth/totp/setup', {})).status, 409);

    // The next 30-second step: the code used to turn TOTP on is spent (a code works once).
    const later = new TestClient(db, new Date(surgeon.clock.getTime() + 30_000));
    const withoutCode = await later.post('/api/auth/sign-in', {
      clinic: clinic.slug,
      email: clinic.staff.clinician.email,
      password: staffPassword,
    });
    assert.equal(withoutCode.status, 401);
    assert.equal(withoutCode.json.title, 'Second factor required');
    const withCode = await later.post('/api/auth/sign-in', {
      clinic: clinic.slug,
      email: clinic.staff.clinician.email,
      password: staffPassword,
      totp: codeAt(later.clock),
    });
    assert.equal(withCode.status, 200, withCode.text);

    const admin = new TestClient(db);
    const { client: patient } = await (async () => {
      await signInStaff(admin, clinic, 'admin');
      return enrolAndSignIn(admin, clinic);
    })();
    assert.equal(
      (await patient.post('/api/auth/totp/setup', {})).status,
      403,
      'patients have no password',
    );
    assert.equal((await new TestClient(db).post('/api/auth/totp/setup', {})).status, 401);
  });

  engine.test('sign out everywhere ends every session of that user only', async () => {
    const { clinic, client: laptop } = await freshSignedInClinic(engine, 'care_manager');
    const phone = await staffSignedIn(laptop, clinic, 'care_manager');
    const colleague = await staffSignedIn(laptop, clinic, 'clinician');

    const revoked = await laptop.post('/api/auth/sessions/revoke-all', {});
    assert.equal(revoked.status, 200, revoked.text);
    assert.equal(revoked.json.revoked, 2);
    assert.equal((await phone.get('/api/auth/me')).status, 401);
    assert.equal((await laptop.get('/api/auth/me')).status, 401);
    assert.equal((await colleague.get('/api/auth/me')).status, 200);
    assert.equal((await laptop.post('/api/auth/sessions/revoke-all', {})).status, 401);
  });

  engine.test('an admin disables a user: their sessions end and they cannot sign in', async () => {
    const { db } = await engine.open();
    const { clinic, elsewhere, admin } = await twoClinics(db);
    const nurse = await staffSignedIn(admin, clinic, 'care_manager');
    const target = clinic.staff.care_manager.id;

    assert.equal(
      (await nurse.post(`/api/users/${clinic.staff.clinician.id}/disable`, {})).status,
      403,
    );
    const foreignAdmin = await staffSignedIn(admin, elsewhere, 'admin');
    assert.equal((await foreignAdmin.post(`/api/users/${target}/disable`, {})).status, 404);
    assert.equal((await admin.post(`/api/users/${clinic.staff.admin.id}/disable`, {})).status, 409);

    const disabled = await admin.post(`/api/users/${target}/disable`, {});
    assert.equal(disabled.status, 200, disabled.text);
    assert.equal(disabled.json.sessionsRevoked, 1);
    assert.equal((await nurse.get('/api/auth/me')).status, 401);
    const again = await admin.fork().post('/api/auth/sign-in', {
      clinic: clinic.slug,
      email: clinic.staff.care_manager.email,
      password: staffPassword,
    });
    assert.equal(again.status, 401);
    const audit = await auditOf(db, clinic.clinicId, 'user.disable')
      .select(['actor_id', 'subject_id'])
      .execute();
    assert.deepEqual(audit, [{ actor_id: clinic.staff.admin.id, subject_id: target }]);
  });

  engine.test('an admin assigns a reviewer, who then reads that case and no other', async () => {
    const { db, clinic, admin, patientId } = await aSignedInPatient(engine);
    const other = await enrolAndSignIn(admin, clinic);
    const reviewer = await staffSignedIn(admin, clinic, 'reviewer');
    const reviewerId = clinic.staff.reviewer.id;

    assert.equal((await reviewer.get(`/api/patients/${patientId}`)).status, 403);
    const nurse = await staffSignedIn(admin, clinic, 'care_manager');
    assert.equal(
      (await nurse.post(`/api/patients/${patientId}/reviewers`, { reviewerId })).status,
      403,
    );
    const notAReviewer = await admin.post(`/api/patients/${patientId}/reviewers`, {
      reviewerId: clinic.staff.clinician.id,
    });
    assert.equal(notAReviewer.status, 400);
    assert.equal((notAReviewer.json.errors as { field: string }[])[0]?.field, 'reviewerId');

    const assigned = await admin.post(`/api/patients/${patientId}/reviewers`, { reviewerId });
    assert.equal(assigned.status, 201, assigned.text);
    assert.equal(
      (await admin.post(`/api/patients/${patientId}/reviewers`, { reviewerId })).status,
      200,
    );
    assert.equal((await reviewer.get(`/api/patients/${patientId}`)).status, 200);
    assert.equal((await reviewer.get(`/api/patients/${other.patientId}`)).status, 403);
    const audit = await auditOf(db, clinic.clinicId, 'reviewer.assign')
      .select('patient_id')
      .execute();
    assert.deepEqual(audit, [{ patient_id: patientId }], 'assigned once, audited once');
  });

  engine.test(
    'the care team of a clinic is listed for its staff, reviewers and patients left out',
    async () => {
      const { db } = await engine.open();
      const { clinic, elsewhere, admin } = await twoClinics(db);
      const { client: patient } = await enrolAndSignIn(admin, clinic);
      await disableUser(db, clinic.clinicId, clinic.staff.clinician.id);

      const listed = await admin.get('/api/clinic/staff');
      assert.equal(listed.status, 200, listed.text);
      assert.deepEqual(listed.json.staff, [
        { id: clinic.staff.admin.id, displayName: 'admin', role: 'admin', disabled: false },
        {
          id: clinic.staff.care_manager.id,
          displayName: 'care_manager',
          role: 'care_manager',
          disabled: false,
        },
        {
          id: clinic.staff.clinician.id,
          displayName: 'clinician',
          role: 'clinician',
          disabled: true,
        },
      ]);
      const nurse = await staffSignedIn(admin, clinic, 'care_manager');
      assert.equal(((await nurse.get('/api/clinic/staff')).json.staff as unknown[]).length, 3);
      const reviewer = await staffSignedIn(admin, clinic, 'reviewer');
      assert.equal((await reviewer.get('/api/clinic/staff')).status, 403);
      assert.equal((await patient.get('/api/clinic/staff')).status, 403);
      assert.equal((await admin.fork().get('/api/clinic/staff')).status, 401);
      const stranger = await staffSignedIn(admin, elsewhere, 'admin');
      const theirs = (await stranger.get('/api/clinic/staff')).json.staff as { id: string }[];
      assert.deepEqual(
        theirs.map((s) => s.id).sort(),
        [
          elsewhere.staff.admin.id,
          elsewhere.staff.care_manager.id,
          elsewhere.staff.clinician.id,
        ].sort(),
      );
    },
  );
});
