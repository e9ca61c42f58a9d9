/** English strings of the imaging components (upload and viewer), used in the patient app and the console. */
export const imagingEn = {
  'imaging.title': 'Scans and reports',
  'imaging.myScans': 'My scans',
  'imaging.myScansIntro':
    'Add your MRI or CT scans (the DICOM files from the disc or download, or a zip of them) and your imaging reports (PDF or JPEG). Your care team can then look at them.',
  'imaging.choose': 'Choose files',
  'imaging.chooseHint':
    'DICOM files, a zip of a whole study, or a PDF/JPEG report. Up to 50 MB a file, 500 MB a zip.',
  'imaging.upload': 'Upload',
  'imaging.uploading': 'Uploading {name}',
  'imaging.progress': 'Upload of {name}',
  'imaging.storedStudy':
    '{name}: stored. {modality} of {bodyPart}, {date}: {series} series, {images} images.',
  'imaging.storedDocument': '{name}: stored as a report.',
  'imaging.refused': '{name}: not stored. {reason}',
  'imaging.failed': '{name}: not stored. {reason}',
  'imaging.offline': 'No connection. Nothing was stored; try again when you are online.',
  'imaging.none': 'No scans or reports yet.',
  'imaging.studies': 'Studies',
  'imaging.documents': 'Reports',
  'imaging.studyLine': '{modality} · {bodyPart} · {date} · {series} series, {images} images',
  'imaging.unknown': 'unknown',
  'imaging.noDate': 'no date',
  'imaging.open': 'View',
  'imaging.close': 'Close viewer',
  'imaging.download': 'Download',
  'imaging.viewer': 'Image viewer',
  'imaging.series': 'Series',
  'imaging.seriesOption': 'Series {number}: {description} ({images} images)',
  'imaging.slice': 'Image',
  'imaging.sliceOf': 'Image {n} of {total}',
  'imaging.windowCenter': 'Brightness (window center)',
  'imaging.windowWidth': 'Contrast (window width)',
  'imaging.presets': 'Presets',
  'imaging.presetFile': 'From the file',
  'imaging.presetSoft': 'Soft tissue',
  'imaging.presetBone': 'Bone',
  'imaging.presetWide': 'Wide',
  'imaging.canvas':
    'Image {n} of series {series}. Use the arrow keys or the mouse wheel to move through the images.',
  'imaging.cannotShow': 'This image cannot be shown here. {reason}',
  'imaging.notADiagnosis':
    'This viewer is only to check that the right study arrived. It is not for diagnosis.',
} as const;

export type ImagingKey = keyof typeof imagingEn;
