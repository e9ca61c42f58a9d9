import { type Kysely, sql } from 'kysely';
import { onClinicRef } from '../db/joins.ts';
import type { Database, ImagingFilesTable } from '../db/schema.ts';

/** All SQL about imaging studies and files. */

export interface ImagingOwner {
  readonly patientId?: string | null;
  readonly requestId?: string | null;
}

export type ImagingFileRow = {
  [K in keyof ImagingFilesTable]: K extends 'uploaded_at'
    ? Date
    : K extends 'id'
      ? string
      : ImagingFilesTable[K];
};

/** The study row for this owner and Study Instance UID, created by the first file of it. */
export async function findOrCreateStudy(
  db: Kysely<Database>,
  input: {
    clinicId: string;
    owner: ImagingOwner;
    studyInstanceUid: string;
    salt: string;
    modality: string | null;
    bodyPart: string | null;
    studyDate: string | null;
    description: string | null;
    createdBy: string | null;
    id: string;
  },
): Promise<{ id: string; deid_salt: string }> {
  // Two uploads of the same study at once: one insert wins, both then read the winner.
  await sql`
    insert into imaging_studies (clinic_id, id, patient_id, request_id, study_instance_uid, deid_salt,
      modality, body_part, study_date, description, created_by)
    values (${input.clinicId}, ${input.id}, ${input.owner.patientId ?? null}, ${input.owner.requestId ?? null},
      ${input.studyInstanceUid}, ${input.salt}, ${input.modality}, ${input.bodyPart},
      ${input.studyDate}, ${input.description}, ${input.createdBy})
    on conflict do nothing`.execute(db);
  let query = db
    .selectFrom('imaging_studies')
    .select(['id', 'deid_salt'])
    .where('clinic_id', '=', input.clinicId)
    .where('study_instance_uid', '=', input.studyInstanceUid);
  query = input.owner.patientId
    ? query.where('patient_id', '=', input.owner.patientId)
    : query.where('patient_id', 'is', null);
  query = input.owner.requestId
    ? query.where('request_id', '=', input.owner.requestId)
    : query.where('request_id', 'is', null);
  return query.executeTakeFirstOrThrow();
}

export async function instanceExists(
  db: Kysely<Database>,
  clinicId: string,
  studyId: string,
  sopInstanceUid: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('imaging_files')
    .select('id')
    .where('clinic_id', '=', clinicId)
    .where('study_id', '=', studyId)
    .where('sop_instance_uid', '=', sopInstanceUid)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertFile(
  db: Kysely<Database>,
  row: Omit<ImagingFileRow, 'uploaded_at'> & { uploaded_at: Date },
): Promise<void> {
  await db.insertInto('imaging_files').values(row).execute();
}

const studyColumns = [
  's.id',
  's.patient_id',
  's.request_id',
  's.study_instance_uid',
  's.modality',
  's.body_part',
  's.study_date',
  's.description',
  's.created_at',
] as const;

export interface StudyRow {
  id: string;
  patient_id: string | null;
  request_id: string | null;
  study_instance_uid: string;
  modality: string | null;
  body_part: string | null;
  study_date: string | null;
  description: string | null;
  created_at: Date;
  series_count: number;
  image_count: number;
}

/** Studies of an owner (or of the given ids), newest first, with series and image counts. */
export async function listStudyRows(
  db: Kysely<Database>,
  clinicId: string,
  where: ImagingOwner & { studyIds?: readonly string[] },
): Promise<StudyRow[]> {
  let query = db
    .selectFrom('imaging_studies as s')
    .leftJoin('imaging_files as f', (join) => onClinicRef(join, 'f.study_id', 's.id'))
    .select([
      ...studyColumns,
      sql<number>`count(distinct f.series_instance_uid)`.as('series_count'),
      sql<number>`count(f.id)`.as('image_count'),
    ])
    .where('s.clinic_id', '=', clinicId)
    .groupBy(studyColumns);
  if (where.patientId) query = query.where('s.patient_id', '=', where.patientId);
  if (where.requestId) query = query.where('s.request_id', '=', where.requestId);
  if (where.studyIds) {
    if (where.studyIds.length === 0) return [];
    query = query.where('s.id', 'in', where.studyIds);
  }
  const rows = await query.orderBy('s.created_at', 'desc').execute();
  return rows.map((row) => ({
    ...row,
    series_count: Number(row.series_count),
    image_count: Number(row.image_count),
  }));
}

export async function studyById(db: Kysely<Database>, clinicId: string, studyId: string) {
  const [row] = await listStudyRows(db, clinicId, { studyIds: [studyId] });
  return row;
}

export async function filesOfStudy(
  db: Kysely<Database>,
  clinicId: string,
  studyId: string,
): Promise<ImagingFileRow[]> {
  return db
    .selectFrom('imaging_files')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('study_id', '=', studyId)
    .orderBy('series_number')
    .orderBy('series_instance_uid')
    .orderBy('instance_number')
    .orderBy('uploaded_at')
    .execute();
}

/** Reports (PDF, JPEG) of an owner: files without a study. */
export async function documentsOf(
  db: Kysely<Database>,
  clinicId: string,
  owner: ImagingOwner,
): Promise<ImagingFileRow[]> {
  let query = db
    .selectFrom('imaging_files')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('study_id', 'is', null);
  if (owner.patientId) query = query.where('patient_id', '=', owner.patientId);
  if (owner.requestId) query = query.where('request_id', '=', owner.requestId);
  return query.orderBy('uploaded_at', 'desc').execute();
}

export async function fileById(
  db: Kysely<Database>,
  clinicId: string,
  fileId: string,
): Promise<ImagingFileRow | undefined> {
  return db
    .selectFrom('imaging_files')
    .selectAll()
    .where('clinic_id', '=', clinicId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}
