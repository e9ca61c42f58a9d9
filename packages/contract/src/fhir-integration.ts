import { z } from 'zod';
import { id, timestamp } from './common.ts';

/**
 * The FHIR integration's answers whose shape a standard fixes (issue 18): Bulk Data Access 2.0,
 * SMART App Launch 2 (backend services), OAuth 2.0 (RFC 6749) and CDS Hooks 2.0. Their field names
 * are the standards' own (snake_case in OAuth and SMART), not Lamina's camelCase.
 */

/** A FHIR OperationOutcome (kick-off and cancel answers, every refusal under /fhir/r4). */
export const operationOutcomeDto = z.looseObject({
  resourceType: z.literal('OperationOutcome'),
  issue: z
    .array(
      z.looseObject({ severity: z.string(), code: z.string(), diagnostics: z.string().optional() }),
    )
    .min(1),
});

/** Bulk Data 2.0 complete-status manifest: one entry per NDJSON file. */
export const bulkExportManifestDto = z.strictObject({
  transactionTime: timestamp,
  request: z.string(),
  requiresAccessToken: z.literal(true),
  output: z.array(z.strictObject({ type: z.string(), url: z.string(), count: z.number().int() })),
  error: z.array(z.strictObject({ type: z.string(), url: z.string() })),
});
export type BulkExportManifest = z.output<typeof bulkExportManifestDto>;

/** SMART configuration (/.well-known/smart-configuration), the fields a backend-services client reads. */
export const smartConfigurationDto = z.strictObject({
  token_endpoint: z.string(),
  token_endpoint_auth_methods_supported: z.array(z.string()),
  token_endpoint_auth_signing_alg_values_supported: z.array(z.string()),
  grant_types_supported: z.array(z.string()),
  scopes_supported: z.array(z.string()),
  capabilities: z.array(z.string()),
});

/** OAuth 2.0 access token answer (RFC 6749 §5.1). */
export const smartTokenDto = z.strictObject({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number().int(),
  scope: z.string(),
});

/** CDS Hooks discovery. */
export const cdsDiscoveryDto = z.strictObject({
  services: z.array(
    z.strictObject({
      hook: z.string(),
      id,
      title: z.string(),
      description: z.string(),
      prefetch: z.record(z.string(), z.string()),
      usageRequirements: z.string(),
    }),
  ),
});

/** CDS Hooks cards answer. */
export const cdsCardsDto = z.strictObject({
  cards: z.array(
    z.strictObject({
      uuid: id,
      summary: z.string().max(140),
      detail: z.string(),
      indicator: z.enum(['info', 'warning', 'critical']),
      source: z.strictObject({ label: z.string(), url: z.string() }),
      links: z.array(
        z.strictObject({ label: z.string(), url: z.string(), type: z.enum(['absolute', 'smart']) }),
      ),
    }),
  ),
});
