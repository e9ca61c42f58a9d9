import { bulkExportManifestDto, operationOutcomeDto } from '@lamina/contract';
import { documentedRoutes, type RouteSpec } from '../openapi/registry.ts';
import { cancelExport, type ExportLevel, exportFile, exportStatus, kickOff } from './export.ts';
import { fhirHandler, fhirJson } from './outcome.ts';
import { fhirBase } from './routes.ts';

/** Bulk Data export routes (FHIR Bulk Data Access 2.0): kick-off, status, cancel, files. */

const exportAccess =
  'a SMART system client with read and search scopes for every exported type, or admins signed in; their own clinic only';

function kickOffRoute(level: ExportLevel, path: string, summary: string): RouteSpec {
  return {
    method: 'get',
    path,
    summary,
    access: exportAccess,
    response: operationOutcomeDto,
    audit: { actions: ['fhir.export'] },
    success: {
      status: 202,
      description: 'Started; poll the address in Content-Location.',
      contentType: fhirJson,
    },
    handler: fhirHandler((c) => kickOff(c, level)),
  };
}

export const fhirExport = documentedRoutes([
  kickOffRoute(
    'system',
    `${fhirBase}/$export`,
    'Bulk Data export of the whole clinic (Prefer: respond-async; _type, _since): 202 and Content-Location',
  ),
  kickOffRoute(
    'patient',
    `${fhirBase}/Patient/$export`,
    'Bulk Data export of every patient of the clinic and what is about them (Patient compartment; _type, _since)',
  ),
  {
    method: 'get',
    path: `${fhirBase}/$export-status/:exportId`,
    summary:
      'Bulk Data export status: 202 with X-Progress and Retry-After while running, then the manifest of NDJSON files',
    access: exportAccess,
    response: bulkExportManifestDto,
    audit: 'none',
    success: { status: 200, description: 'The manifest (202 while running).' },
    handler: fhirHandler(exportStatus),
  },
  {
    method: 'get',
    path: `${fhirBase}/$export-file/:exportId/:file`,
    summary: 'One NDJSON file of a finished export',
    access: exportAccess,
    response: null,
    audit: { actions: ['fhir.export.download'] },
    success: { status: 200, description: 'NDJSON.', contentType: 'application/fhir+ndjson' },
    handler: fhirHandler(exportFile),
  },
  {
    method: 'delete',
    path: `${fhirBase}/$export-status/:exportId`,
    summary: 'Cancel a Bulk Data export: it stops, its files are deleted, its status becomes 404',
    access: exportAccess,
    response: operationOutcomeDto,
    audit: { actions: ['fhir.export.cancel'] },
    success: { status: 202, description: 'Cancelled.', contentType: fhirJson },
    handler: fhirHandler(cancelExport),
  },
]);
