import { z } from 'zod';

/**
 * What the FHIR R4 API answers (issue 18, decisions 024 and 025): the shape a client relies on —
 * the resourceType, and a Bundle's type, links and entries — checked on every answer in the
 * server's tests; the rest of each resource passes through here and is checked element by element
 * against the official R4 definitions by the independent validator test (fhir/routes.test.ts).
 */
const resourceTypeName = z.string().regex(/^[A-Z][A-Za-z]+$/);

/** One FHIR resource of the given type (its other elements pass through). */
export const fhirResourceDto = (resourceType: string) =>
  z
    .looseObject({ resourceType: z.literal(resourceType), id: z.string().min(1).optional() })
    .meta({ title: resourceType });

const anyResource = z.looseObject({ resourceType: resourceTypeName, id: z.string().optional() });
const bundleLink = z.looseObject({ relation: z.string(), url: z.string().url() });

export const searchsetBundleDto = z
  .looseObject({
    resourceType: z.literal('Bundle'),
    type: z.literal('searchset'),
    total: z.number().int().nonnegative().optional(),
    link: z.array(bundleLink).optional(),
    entry: z
      .array(
        z.looseObject({
          fullUrl: z.string().url(),
          resource: anyResource,
          search: z.looseObject({ mode: z.enum(['match', 'include', 'outcome']) }),
        }),
      )
      .optional(),
  })
  .meta({ title: 'Bundle (searchset)' });

export const transactionResponseDto = z
  .looseObject({
    resourceType: z.literal('Bundle'),
    type: z.literal('transaction-response'),
    entry: z.array(
      z.looseObject({
        fullUrl: z.string().url().optional(),
        response: z.looseObject({ status: z.string(), location: z.string().optional() }),
      }),
    ),
  })
  .meta({ title: 'Bundle (transaction-response)' });

export const capabilityStatementDto = fhirResourceDto('CapabilityStatement');
