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

/**
 * A file as an upload request declares it (proofs, a fault report's files): name, type, size.
 * The API names the types it takes and answers 400 with the field for any other.
 */
export function declaredUpload(file: File) {
  return {
    filename: file.name,
    contentType: contentTypeOf(file) as 'application/pdf',
    sizeBytes: file.size,
  };
}

/** PUTs the bytes to a presigned URL with exactly the headers the server signed. */
export async function putUpload(
  upload: { url: string; method: string; headers: Record<string, string> },
  file: File,
  failed: (status: number) => string,
): Promise<void> {
  const put = await fetch(upload.url, {
    method: upload.method,
    headers: upload.headers,
    body: file,
  });
  if (!put.ok) throw new Error(failed(put.status));
}
