/** The part of dcmjs (no bundled types) that Lamina uses. */
declare module 'dcmjs' {
  export interface DicomElement {
    vr: string;
    Value?: unknown[];
    InlineBinary?: string;
  }
  export type DenaturalizedDataset = Record<string, DicomElement>;
  export type NaturalizedDataset = Record<string, unknown> & { _vrMap?: Record<string, string> };
  export class DicomDict {
    constructor(meta: DenaturalizedDataset);
    meta: DenaturalizedDataset;
    dict: DenaturalizedDataset;
    write(options?: Record<string, unknown>): ArrayBuffer;
  }
  const dcmjs: {
    data: {
      DicomMessage: {
        readFile(buffer: ArrayBuffer, options?: Record<string, unknown>): DicomDict;
      };
      DicomMetaDictionary: {
        naturalizeDataset(dataset: DenaturalizedDataset): NaturalizedDataset;
        denaturalizeDataset(dataset: NaturalizedDataset): DenaturalizedDataset;
        uid(): string;
        punctuateTag(tag: string): string;
        unpunctuateTag(tag: string): string;
        nameMap: Record<string, { tag: string; vr: string; name: string }>;
        dictionary: Record<string, { tag: string; vr: string; name: string }>;
      };
      DicomDict: typeof DicomDict;
    };
    log: { setLevel?(level: string): void; level?: unknown };
  };
  export default dcmjs;
}
