/** The console's FHIR system clients (issue 18): Settings → EHR connections. */
export const fhirConsoleEn = {
  'fhir.title': 'EHR connections (FHIR)',
  'fhir.intro':
    'Systems such as your EHR can read Lamina’s FHIR API with SMART Backend Services. Register each system with its public key (a JWK set) or the https address of its key set, and the data it may read.',
  'fhir.none': 'No system is registered yet.',
  'fhir.name': 'System name',
  'fhir.jwks': 'Public key set (JWKS, JSON)',
  'fhir.jwksUrl': 'Or the https address of its key set (JWKS URL)',
  'fhir.scopes': 'Allowed scopes, separated by spaces (for example system/Observation.rs)',
  'fhir.register': 'Register system',
  'fhir.registered': 'Registered. Give the system this client id: {clientId}',
  'fhir.clientId': 'Client id',
  'fhir.revoke': 'Revoke',
  'fhir.revoked': 'Revoked',
  'fhir.revokedOn': 'Revoked {date}',
  'fhir.badJwks': 'The key set must be JSON like {"keys": [ … ]}.',
} as const;
