/** What may be uploaded as proof: scanned sheets, photos, reports, tables, a zipped bundle. */
export const proofFileTypes = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
} as const;

export const proofContentTypes = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/zip',
] as const;

/** 20 MB: a scanned, signed inspection sheet of a few pages fits many times over. */
export const maxProofBytes = 20 * 1024 * 1024;

export function extensionOf(filename: string): string {
  return /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
}

/** The content type the file name's extension stands for, when it is on the allow-list. */
export function typeOfExtension(filename: string): string | undefined {
  return (proofFileTypes as Record<string, string>)[extensionOf(filename)];
}
