import { createHash, randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { audit } from '../audit/audit.ts';
import type { WoundPhotosTable } from '../db/schema.ts';
import type { AppContext } from '../http/context.ts';
import { pathId, readJson, requireActor } from '../http/context.ts';
import { authorizePatient } from '../http/guard.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { FileRejection } from '../imaging/dicom.ts';
import { documentedRoutes } from '../openapi/registry.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import {
  type QuotaCharge,
  QuotaExceeded,
  releaseStorage,
  reserveStorage,
  uploadQuotaDefaults,
} from '../storage/quota.ts';
import { checkPhoto, NotAPhoto } from './image.ts';

/**
 * Wound photos (issue 17): the patient attaches one to a check-in or a message they sent; the care
 * team (and the patient) see it there. JSON with base64 (like the clinic logo), at most
 * `photoLimits.bytes` decoded; location metadata is removed before the bytes are stored.
 */
export const photoLimits = { bytes: 4 * 1024 * 1024 } as const;

const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const uploadPhotoSchema = z
  .strictObject({
    checkinId: z.uuid().optional(),
    messageId: z.uuid().optional(),
    contentType: z.enum(['image/jpeg', 'image/png'], {
      error: 'must be image/jpeg or image/png (the app turns HEIC into JPEG)',
    }),
    /** The picture, base64. */
    data: z
      .string()
      .min(4)
      .max(Math.ceil((photoLimits.bytes + 1024) / 3) * 4 + 4, {
        error: `the photo is larger than ${photoLimits.bytes / (1024 * 1024)} MB`,
      })
      .regex(base64, 'must be base64'),
  })
  .refine((body) => (body.checkinId === undefined) !== (body.messageId === undefined), {
    error: 'attach the photo to one check-in or one message',
    path: ['checkinId'],
  });

export const photoSchema = z
  .strictObject({
    id: z.uuid(),
    checkinId: z.uuid().nullable(),
    messageId: z.uuid().nullable(),
    contentType: z.enum(['image/jpeg', 'image/png']),
    byteSize: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    uploadedAt: z.iso.datetime(),
  })
  .meta({ title: 'WoundPhoto' });

/** The columns a photo's DTO shows (no storage key, hash or uploader). */
const columns = [
  'id',
  'checkin_id',
  'message_id',
  'content_type',
  'byte_size',
  'width',
  'height',
  'uploaded_at',
] as const;

/** What a photo's DTO is made of: the wound_photos columns `columns` reads. */
type PhotoRow = Pick<Selectable<WoundPhotosTable>, (typeof columns)[number]>;

const toPhoto = (row: PhotoRow): z.input<typeof photoSchema> => ({
  id: row.id,
  checkinId: row.checkin_id,
  messageId: row.message_id,
  contentType: row.content_type,
  byteSize: Number(row.byte_size),
  width: Number(row.width),
  height: Number(row.height),
  uploadedAt: new Date(row.uploaded_at).toISOString(),
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function blobStore(c: AppContext): BlobStore {
  const files = c.get('deps').files;
  if (!files)
    throw new HttpProblem(503, 'Not available', 'This server is not set up to store files.');
  return files;
}

const refused = (status: 413 | 415 | 422, title: string, detail: string) =>
  new HttpProblem(status, title, detail, [{ field: 'data', message: detail }]);

async function upload(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'submit-checkin');
  const body = await readJson(c, uploadPhotoSchema);
  const { db, now } = c.get('deps');
  const files = blobStore(c);

  // What it is attached to must be this patient's own check-in, or a message they sent.
  const owner = body.checkinId
    ? await db
        .selectFrom('checkins')
        .select('id')
        .where('clinic_id', '=', actor.clinicId)
        .where('patient_id', '=', patientId)
        .where('id', '=', body.checkinId)
        .executeTakeFirst()
    : await db
        .selectFrom('messages')
        .select('id')
        .where('clinic_id', '=', actor.clinicId)
        .where('patient_id', '=', patientId)
        .where('sender_id', '=', actor.userId)
        .where('id', '=', body.messageId as string)
        .executeTakeFirst();
  if (!owner) throw notFound(body.checkinId ? 'This check-in' : 'This message');

  const sent = new Uint8Array(Buffer.from(body.data, 'base64'));
  if (sent.byteLength > photoLimits.bytes)
    throw refused(
      413,
      'Too large',
      `The photo is larger than ${photoLimits.bytes / (1024 * 1024)} MB. Please take it again or choose a smaller one.`,
    );
  let photo: ReturnType<typeof checkPhoto>;
  try {
    photo = checkPhoto(sent);
  } catch (error) {
    if (error instanceof NotAPhoto)
      throw refused(415, 'Not a photo', 'Only JPEG and PNG photos can be attached.');
    if (error instanceof FileRejection) throw refused(422, 'Damaged photo', error.message);
    throw error;
  }
  const declared = photo.kind === 'jpeg' ? 'image/jpeg' : 'image/png';
  if (declared !== body.contentType)
    throw refused(
      415,
      'Not a photo',
      `This photo is a ${photo.kind.toUpperCase()}, not what was declared.`,
    );

  const id = randomUUID();
  const key = `clinics/${actor.clinicId}/photos/${id}`;
  const charges: QuotaCharge[] = [
    {
      scope: 'patient',
      key: patientId,
      limit: (c.get('deps').uploadQuotas ?? uploadQuotaDefaults).patientBytes,
      bytes: sent.byteLength,
    },
    { scope: 'clinic', key: '', bytes: photo.bytes.byteLength },
  ];
  try {
    await reserveStorage(db, actor.clinicId, charges);
  } catch (error) {
    if (error instanceof QuotaExceeded)
      throw refused(
        413,
        'Storage full',
        error.scope === 'patient'
          ? 'You have uploaded the most files one patient may, so this photo was not stored. Please ask your care team.'
          : "The clinic's storage is full, so this photo was not stored. Please tell the clinic.",
      );
    throw error;
  }
  const at = now();
  const row = {
    clinic_id: actor.clinicId,
    id,
    patient_id: patientId,
    checkin_id: body.checkinId ?? null,
    message_id: body.messageId ?? null,
    content_type: declared,
    byte_size: photo.bytes.byteLength,
    width: photo.width,
    height: photo.height,
    sha256: sha256(photo.bytes),
    storage_key: key,
    uploaded_by: actor.userId,
    uploaded_at: at,
  } as const;
  try {
    await files.put(key, photo.bytes);
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('wound_photos').values(row).execute();
      await audit(
        c,
        {
          action: 'photo.upload',
          subjectType: 'wound_photo',
          subjectId: id,
          patientId,
          details: {
            attachedTo: body.checkinId ? 'checkin' : 'message',
            bytes: photo.bytes.byteLength,
            metadataRemoved: photo.metadataRemoved,
            gpsRemoved: photo.hadGps,
          },
        },
        trx,
      );
    });
  } catch (error) {
    await files.delete(key).catch(() => {});
    await releaseStorage(db, actor.clinicId, charges);
    throw error;
  }
  return c.json({ photo: toPhoto(row) }, 201);
}

async function list(c: AppContext) {
  const patientId = pathId(c, 'patientId');
  const actor = await authorizePatient(c, patientId, 'read-imaging');
  const { db } = c.get('deps');
  const rows = await db
    .selectFrom('wound_photos')
    .select(columns)
    .where('clinic_id', '=', actor.clinicId)
    .where('patient_id', '=', patientId)
    .orderBy('uploaded_at')
    .orderBy('id')
    .execute();
  await audit(c, {
    action: 'photo.list',
    subjectType: 'wound_photo',
    patientId,
    details: { count: rows.length },
  });
  return c.json({ photos: rows.map(toPhoto) });
}

async function download(c: AppContext) {
  const photoId = pathId(c, 'photoId');
  const actor = requireActor(c);
  const { db } = c.get('deps');
  // Looked up in the actor's own clinic (another clinic's photo does not exist here), then the
  // same rule as the patient's record: the patient themself or their clinic's care team.
  const row = await db
    .selectFrom('wound_photos')
    .select(['patient_id', 'content_type', 'sha256', 'storage_key'])
    .where('clinic_id', '=', actor.clinicId)
    .where('id', '=', photoId)
    .executeTakeFirst();
  if (!row) throw notFound('This photo');
  const patientId = row.patient_id;
  await authorizePatient(c, patientId, 'read-imaging');
  const bytes = await blobStore(c).get(row.storage_key);
  // Like imaging: the bytes must be the ones stored, or nothing is shown.
  if (!bytes || sha256(bytes) !== row.sha256)
    throw new HttpProblem(
      409,
      'Photo damaged',
      'This photo is missing or was changed in storage, so it is not shown. Please tell the clinic.',
    );
  await audit(c, {
    action: 'photo.read',
    subjectType: 'wound_photo',
    subjectId: photoId,
    patientId,
  });
  return new Response(bytes, {
    status: 200,
    headers: {
      'content-type': row.content_type,
      'cache-control': 'private, no-store',
      'content-disposition': 'inline',
    },
  });
}

const patientOnly = 'the patient (their own check-ins and messages)';
const readers = 'the patient and their clinic’s care managers, clinicians and admins';

export const photoRoutes = documentedRoutes([
  {
    method: 'post',
    path: '/api/patients/:patientId/photos',
    summary:
      'Attach a wound photo (JPEG or PNG, base64, at most 4 MB) to one of the patient’s check-ins or messages; location and other metadata are removed before it is stored (audited)',
    access: patientOnly,
    body: uploadPhotoSchema,
    response: z.strictObject({ photo: photoSchema }),
    audit: { actions: ['photo.upload'] },
    success: { status: 201, description: 'Stored' },
    handler: upload,
  },
  {
    method: 'get',
    path: '/api/patients/:patientId/photos',
    summary: 'The patient’s wound photos, with the check-in or message each belongs to (audited)',
    access: readers,
    response: z.strictObject({ photos: z.array(photoSchema) }),
    audit: { actions: ['photo.list'] },
    handler: list,
  },
  {
    method: 'get',
    path: '/api/photos/:photoId',
    summary: 'One wound photo’s bytes, checked against the hash recorded at upload (audited)',
    access: readers,
    response: null,
    audit: { actions: ['photo.read'] },
    success: { status: 200, description: 'The picture', contentType: 'image/jpeg' },
    handler: download,
  },
]);
