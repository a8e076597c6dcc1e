/**
 * Recognises images, video, audio and archives by their first bytes and by extension. A referral
 * packet must never contain media (or an archive that could hold it); the verifier refuses them.
 */
const SIGNATURES: { kind: string; at?: number; bytes: (number | null)[] }[] = [
  { kind: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { kind: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { kind: 'GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { kind: 'BMP image', bytes: [0x42, 0x4d] },
  { kind: 'TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { kind: 'TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { kind: 'ICO image', bytes: [0x00, 0x00, 0x01, 0x00] },
  { kind: 'RIFF media (WebP/AVI/WAV)', bytes: [0x52, 0x49, 0x46, 0x46] },
  { kind: 'ISO media (MP4/MOV/HEIC/AVIF)', at: 4, bytes: [0x66, 0x74, 0x79, 0x70] },
  { kind: 'Matroska/WebM video', bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { kind: 'MPEG video', bytes: [0x00, 0x00, 0x01, 0xba] },
  { kind: 'MPEG video', bytes: [0x00, 0x00, 0x01, 0xb3] },
  { kind: 'FLV video', bytes: [0x46, 0x4c, 0x56] },
  { kind: 'ASF/WMV video', bytes: [0x30, 0x26, 0xb2, 0x75] },
  { kind: 'Ogg media', bytes: [0x4f, 0x67, 0x67, 0x53] },
  { kind: 'MP3 audio', bytes: [0x49, 0x44, 0x33] },
  { kind: 'JPEG 2000 image', bytes: [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50] },
  { kind: 'Photoshop image', bytes: [0x38, 0x42, 0x50, 0x53] },
  { kind: 'ZIP archive', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: 'ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { kind: 'gzip archive', bytes: [0x1f, 0x8b] },
  { kind: 'bzip2 archive', bytes: [0x42, 0x5a, 0x68] },
  { kind: 'xz archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { kind: '7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { kind: 'RAR archive', bytes: [0x52, 0x61, 0x72, 0x21] },
  { kind: 'zstd archive', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
];

const MEDIA_EXTENSIONS =
  /\.(jpe?g|jfif|png|gif|bmp|tiff?|webp|heic|heif|avif|ico|svg|psd|raw|cr2|nef|jp2|mp4|m4v|mov|avi|wmv|flv|mkv|webm|mpe?g|3gp|ogv|ogg|mp3|wav|m4a|zip|gz|tgz|tar|bz2|xz|7z|rar|zst|cab|iso|dmg)$/i;

/** What kind of media or archive a file is, or null when it is neither. */
export function detectMedia(path: string, bytes: Uint8Array): string | null {
  if (MEDIA_EXTENSIONS.test(path)) return `media or archive extension (${path})`;
  for (const sig of SIGNATURES) {
    const at = sig.at ?? 0;
    if (bytes.length >= at + sig.bytes.length && sig.bytes.every((b, i) => b === null || bytes[at + i] === b)) return sig.kind;
  }
  if (bytes.length > 262 && String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar') return 'tar archive';
  // A PDF summary is allowed, but never one with an embedded image.
  if (path.endsWith('.pdf') && /\/Subtype\s*\/Image/.test(Buffer.from(bytes).toString('latin1'))) return 'PDF with an embedded image';
  return null;
}
