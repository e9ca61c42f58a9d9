/** The clinic logo: PNG or JPEG only (no SVG: it can carry script), recognised by its bytes. */
export const maxLogoBytes = 200 * 1024;

export type LogoType = 'image/png' | 'image/jpeg';

/** The image type from the file's first bytes, or undefined when it is neither PNG nor JPEG. */
export function sniffLogo(bytes: Uint8Array): LogoType | undefined {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'image/jpeg';
  return undefined;
}
