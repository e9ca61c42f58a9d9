import { dcmjsData, writeDicomFile } from './dicom.ts';

/**
 * A made-up sagittal lumbar MR series for the demo (never a real person's scan): stacked bright
 * blocks for vertebrae, darker gaps for discs, a dark canal, shifting a little from slice to slice.
 */
export function demoLumbarStudy(input: {
  patientName: string;
  patientId: string;
  studyDate: string;
  slices?: number;
  size?: number;
}): { name: string; bytes: Uint8Array }[] {
  const { DicomMetaDictionary } = dcmjsData();
  const slices = input.slices ?? 8;
  const size = input.size ?? 128;
  const studyUid = DicomMetaDictionary.uid();
  const seriesUid = DicomMetaDictionary.uid();
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (let slice = 1; slice <= slices; slice++) {
    const pixels = new Uint16Array(size * size);
    const lateral = Math.abs(slice - (slices + 1) / 2); // 0 at the midline
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const column = x > size * 0.35 && x < size * 0.6;
        const disc = y % 22 < 5;
        const canal = x >= size * 0.6 && x < size * 0.68;
        let value = 120 + ((x * 3 + y * 5) % 40); // soft tissue texture
        if (column) value = disc ? 500 : 1400 - lateral * 90;
        if (canal) value = 1800 - lateral * 300; // bright fluid on T2, fading off the midline
        pixels[y * size + x] = Math.max(0, Math.round(value));
      }
    }
    const sopUid = DicomMetaDictionary.uid();
    const sopClassUid = '1.2.840.10008.5.1.4.1.1.4';
    const dataset = {
      _vrMap: { PixelData: 'OW' },
      SOPClassUID: sopClassUid,
      SOPInstanceUID: sopUid,
      StudyInstanceUID: studyUid,
      SeriesInstanceUID: seriesUid,
      Modality: 'MR',
      BodyPartExamined: 'LSPINE',
      StudyDate: input.studyDate.replaceAll('-', ''),
      StudyDescription: 'MRI LUMBAR SPINE (DEMO, SYNTHETIC)',
      SeriesDescription: 'SAG T2 (synthetic)',
      SeriesNumber: '1',
      InstanceNumber: String(slice),
      PatientName: input.patientName,
      PatientID: input.patientId,
      InstitutionName: 'Lamina Demo Imaging (fictional)',
      Rows: size,
      Columns: size,
      BitsAllocated: 16,
      BitsStored: 12,
      HighBit: 11,
      PixelRepresentation: 0,
      SamplesPerPixel: 1,
      PhotometricInterpretation: 'MONOCHROME2',
      PixelSpacing: ['1.5', '1.5'],
      SliceThickness: '4',
      WindowCenter: '900',
      WindowWidth: '1800',
      PixelData: [pixels.buffer],
    };
    files.push({
      name: `DEMO/SAGT2/IM${slice}.dcm`,
      bytes: writeDicomFile(dataset, '1.2.840.10008.1.2.1'),
    });
  }
  return files;
}
