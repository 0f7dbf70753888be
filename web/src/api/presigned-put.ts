/**
 * PUTs a file to a presigned URL with exactly the signed headers (the browser adds its length,
 * which is signed too); a refusal throws with the storage's status.
 */
export async function putPresigned(
  url: string,
  headers: Record<string, string>,
  file: Blob,
  failed: (status: number) => string,
): Promise<void> {
  const put = await fetch(url, { method: 'PUT', headers, body: file });
  if (!put.ok) throw new Error(failed(put.status));
}
