const byExtension: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  zip: 'application/zip',
  txt: 'text/plain',
};

/**
 * The MIME type to declare for an upload: the browser's when it knows one the API accepts
 * (type/subtype), else by the extension, else octet-stream. The presigned PUT is signed for it.
 */
export function contentTypeOf(file: { name: string; type: string }): string {
  if (/^[a-z]+\/[a-z0-9.+-]+$/i.test(file.type) && file.type.length <= 100) return file.type;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return byExtension[ext] ?? 'application/octet-stream';
}
