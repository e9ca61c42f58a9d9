/**
 * Code systems and codes Lamina puts on FHIR resources. A standard code is used only where one was
 * found for the exact concept (SNOMED CT for laminectomy, spinal fusion and the spine regions; LOINC
 * for 0–10 pain, body temperature and exercise duration); everything else carries Lamina's own
 * code system and a plain text, so nothing is coded as what it is not. Laminotomy and
 * microlaminectomy have no SNOMED CT code here yet: they are sent as text + Lamina's code (decision 024).
 */
export const snomed = 'http://snomed.info/sct';
export const loinc = 'http://loinc.org';
export const ucum = 'http://unitsofmeasure.org';

const base = 'https://lamina.health/fhir';
export const laminaSystems = {
  procedure: `${base}/CodeSystem/procedure`,
  approach: `${base}/CodeSystem/surgical-approach`,
  checkinItem: `${base}/CodeSystem/checkin-item`,
  promScale: `${base}/CodeSystem/prom-scale`,
  planItem: `${base}/CodeSystem/plan-item`,
  triageLevel: `${base}/CodeSystem/triage-level`,
  auditAction: `${base}/CodeSystem/audit-action`,
  documentType: `${base}/CodeSystem/document-type`,
  documentCategory: `${base}/CodeSystem/document-category`,
  mrn: `${base}/sid/mrn`,
  user: `${base}/sid/user`,
} as const;

export const laminaExtensions = {
  spinalLevels: `${base}/StructureDefinition/spinal-levels`,
  approach: `${base}/StructureDefinition/surgical-approach`,
  source: `${base}/StructureDefinition/statement-source`,
  setBy: `${base}/StructureDefinition/set-by`,
} as const;

/** SNOMED CT procedure codes that exist for Lamina's procedures (others: text only). */
export const procedureSnomed: Readonly<
  Record<string, { code: string; display: string } | undefined>
> = {
  laminectomy: { code: '387731002', display: 'Laminectomy' },
  laminotomy: undefined,
  microlaminectomy: undefined,
};
export const spinalFusionSnomed = { code: '55705006', display: 'Spinal fusion' } as const;

export const regionSnomed: Readonly<Record<string, { code: string; display: string }>> = {
  lumbar: { code: '122496007', display: 'Lumbar spine structure' },
  cervical: { code: '122494005', display: 'Cervical spine structure' },
};

export const painSeverityLoinc = {
  code: '72514-3',
  display: 'Pain severity - 0-10 verbal numeric rating [Score] - Reported',
} as const;
export const bodyTemperatureLoinc = { code: '8310-5', display: 'Body temperature' } as const;
/** A second-opinion report is a consultant's note on the case. */
export const consultNoteLoinc = { code: '11488-4', display: 'Consult note' } as const;
export const exerciseDurationLoinc = { code: '55411-3', display: 'Exercise duration' } as const;

export const observationCategory = 'http://terminology.hl7.org/CodeSystem/observation-category';
