import type { fhirConsoleEn } from './fhir.console.en.ts';

export const fhirConsoleEs: Partial<Record<keyof typeof fhirConsoleEn, string>> = {
  'fhir.title': 'Conexiones con el expediente electrónico (FHIR)',
  'fhir.intro':
    'Sistemas como su expediente electrónico pueden leer la API FHIR de Lamina con SMART Backend Services. Registre cada sistema con su clave pública (un conjunto JWK) o la dirección https de su conjunto de claves, y los datos que puede leer.',
  'fhir.none': 'Todavía no hay ningún sistema registrado.',
  'fhir.name': 'Nombre del sistema',
  'fhir.jwks': 'Conjunto de claves públicas (JWKS, JSON)',
  'fhir.jwksUrl': 'O la dirección https de su conjunto de claves (URL de JWKS)',
  'fhir.scopes': 'Permisos (scopes) separados por espacios (por ejemplo system/Observation.rs)',
  'fhir.register': 'Registrar sistema',
  'fhir.registered': 'Registrado. Dé al sistema este identificador de cliente: {clientId}',
  'fhir.clientId': 'Identificador de cliente',
  'fhir.revoke': 'Revocar',
  'fhir.revoked': 'Revocado',
  'fhir.revokedOn': 'Revocado el {date}',
  'fhir.badJwks': 'El conjunto de claves debe ser JSON como {"keys": [ … ]}.',
};
