/**
 * What de-identification does to each attribute, after DICOM PS3.15 Annex E, table E.1-1
 * (Basic Application Level Confidentiality Profile, no retain options):
 *   X remove, Z replace with an empty value, U replace the UID with a new one (the same new UID
 *   for the same original within a study). Private tags (odd groups) are all removed, and every
 *   date and time in the list is removed: Lamina does not apply the "retain longitudinal temporal
 *   information" option; intervals (days since surgery) come from Lamina's own case summary.
 * Keys are dcmjs's tag form (group and element, 8 hex digits).
 */
export type DeidentificationAction = 'X' | 'Z' | 'U';

export const deidentificationProfile: Readonly<
  Record<string, { readonly name: string; readonly action: DeidentificationAction }>
> = {
  // The patient
  '00100010': { name: 'PatientName', action: 'Z' },
  '00100020': { name: 'PatientID', action: 'Z' },
  '00100021': { name: 'IssuerOfPatientID', action: 'X' },
  '00100030': { name: 'PatientBirthDate', action: 'Z' },
  '00100032': { name: 'PatientBirthTime', action: 'X' },
  // Sex is a direct identifier in the Basic Profile (Z); Lamina follows it, the reviewer is told in the case summary.
  '00100040': { name: 'PatientSex', action: 'Z' },
  '00100050': { name: 'PatientInsurancePlanCodeSequence', action: 'X' },
  '00101000': { name: 'OtherPatientIDs', action: 'X' },
  '00101001': { name: 'OtherPatientNames', action: 'X' },
  '00101002': { name: 'OtherPatientIDsSequence', action: 'X' },
  '00101005': { name: 'PatientBirthName', action: 'X' },
  '00101010': { name: 'PatientAge', action: 'X' },
  '00101020': { name: 'PatientSize', action: 'X' },
  '00101030': { name: 'PatientWeight', action: 'X' },
  '00101040': { name: 'PatientAddress', action: 'X' },
  '00101060': { name: 'PatientMotherBirthName', action: 'X' },
  '00101090': { name: 'MedicalRecordLocator', action: 'X' },
  '00102154': { name: 'PatientTelephoneNumbers', action: 'X' },
  '00102160': { name: 'EthnicGroup', action: 'X' },
  '00102180': { name: 'Occupation', action: 'X' },
  '001021B0': { name: 'AdditionalPatientHistory', action: 'X' },
  '001021F0': { name: 'PatientReligiousPreference', action: 'X' },
  '00104000': { name: 'PatientComments', action: 'X' },
  '00380010': { name: 'AdmissionID', action: 'X' },
  '00380300': { name: 'CurrentPatientLocation', action: 'X' },
  '00380400': { name: 'PatientInstitutionResidence', action: 'X' },
  // Institution, people and devices
  '00080080': { name: 'InstitutionName', action: 'X' },
  '00080081': { name: 'InstitutionAddress', action: 'X' },
  '00080082': { name: 'InstitutionCodeSequence', action: 'X' },
  '00080090': { name: 'ReferringPhysicianName', action: 'Z' },
  '00080092': { name: 'ReferringPhysicianAddress', action: 'X' },
  '00080094': { name: 'ReferringPhysicianTelephoneNumbers', action: 'X' },
  '00080096': { name: 'ReferringPhysicianIdentificationSequence', action: 'X' },
  '00081010': { name: 'StationName', action: 'X' },
  '00081040': { name: 'InstitutionalDepartmentName', action: 'X' },
  '00081048': { name: 'PhysiciansOfRecord', action: 'X' },
  '00081049': { name: 'PhysiciansOfRecordIdentificationSequence', action: 'X' },
  '00081050': { name: 'PerformingPhysicianName', action: 'X' },
  '00081052': { name: 'PerformingPhysicianIdentificationSequence', action: 'X' },
  '00081060': { name: 'NameOfPhysiciansReadingStudy', action: 'X' },
  '00081062': { name: 'PhysiciansReadingStudyIdentificationSequence', action: 'X' },
  '00081070': { name: 'OperatorsName', action: 'X' },
  '00081072': { name: 'OperatorIdentificationSequence', action: 'X' },
  '00081080': { name: 'AdmittingDiagnosesDescription', action: 'X' },
  '00081110': { name: 'ReferencedStudySequence', action: 'X' },
  '00081120': { name: 'ReferencedPatientSequence', action: 'X' },
  '00181000': { name: 'DeviceSerialNumber', action: 'X' },
  '00181030': { name: 'ProtocolName', action: 'X' },
  '00321032': { name: 'RequestingPhysician', action: 'X' },
  '00321033': { name: 'RequestingService', action: 'X' },
  '00321060': { name: 'RequestedProcedureDescription', action: 'X' },
  '00400006': { name: 'ScheduledPerformingPhysicianName', action: 'X' },
  '00400244': { name: 'PerformedProcedureStepStartDate', action: 'X' },
  '00400245': { name: 'PerformedProcedureStepStartTime', action: 'X' },
  '00400253': { name: 'PerformedProcedureStepID', action: 'X' },
  '00400254': { name: 'PerformedProcedureStepDescription', action: 'X' },
  '00400275': { name: 'RequestAttributesSequence', action: 'X' },
  '00401001': { name: 'RequestedProcedureID', action: 'X' },
  '00402016': { name: 'PlacerOrderNumberImagingServiceRequest', action: 'Z' },
  '00402017': { name: 'FillerOrderNumberImagingServiceRequest', action: 'Z' },
  '0040A730': { name: 'ContentSequence', action: 'X' },
  // The study: identifiers, free text and dates
  '00080050': { name: 'AccessionNumber', action: 'Z' },
  '00200010': { name: 'StudyID', action: 'Z' },
  '00081030': { name: 'StudyDescription', action: 'X' },
  '0008103E': { name: 'SeriesDescription', action: 'X' },
  '00204000': { name: 'ImageComments', action: 'X' },
  '00080012': { name: 'InstanceCreationDate', action: 'X' },
  '00080013': { name: 'InstanceCreationTime', action: 'X' },
  '00080020': { name: 'StudyDate', action: 'Z' },
  '00080021': { name: 'SeriesDate', action: 'X' },
  '00080022': { name: 'AcquisitionDate', action: 'X' },
  '00080023': { name: 'ContentDate', action: 'Z' },
  '0008002A': { name: 'AcquisitionDateTime', action: 'X' },
  '00080030': { name: 'StudyTime', action: 'Z' },
  '00080031': { name: 'SeriesTime', action: 'X' },
  '00080032': { name: 'AcquisitionTime', action: 'X' },
  '00080033': { name: 'ContentTime', action: 'Z' },
  // UIDs that could be traced back to the imaging centre's records
  '00080018': { name: 'SOPInstanceUID', action: 'U' },
  '0020000D': { name: 'StudyInstanceUID', action: 'U' },
  '0020000E': { name: 'SeriesInstanceUID', action: 'U' },
  '00200052': { name: 'FrameOfReferenceUID', action: 'U' },
  '00200200': { name: 'SynchronizationFrameOfReferenceUID', action: 'U' },
  '00080014': { name: 'InstanceCreatorUID', action: 'U' },
  '00081155': { name: 'ReferencedSOPInstanceUID', action: 'U' },
  '00083010': { name: 'IrradiationEventUID', action: 'U' },
  '00209161': { name: 'ConcatenationUID', action: 'U' },
  '0040A124': { name: 'UID', action: 'U' },
  '00880140': { name: 'StorageMediaFileSetUID', action: 'U' },
  '30060024': { name: 'ReferencedFrameOfReferenceUID', action: 'U' },
  // In the file meta information: must match the new SOPInstanceUID.
  '00020003': { name: 'MediaStorageSOPInstanceUID', action: 'U' },
};

/** Written into every de-identified file (PatientIdentityRemoved, DeidentificationMethod). */
export const deidentificationMethod =
  'Lamina: DICOM PS3.15 Annex E Basic Application Level Confidentiality Profile; dates removed; private tags removed; UIDs replaced';
