import type { Clock, FileStore } from '../ports.ts';

/** How long a presigned upload URL works. */
export const uploadUrlSeconds = 15 * 60;

/**
 * A presigned PUT for one declared file, its type and length signed (S3 refuses any other), as the
 * browser is told to send it: proofs and fault reports' files alike.
 */
export async function presignedUpload(
  deps: { files: FileStore; clock: Clock },
  key: string,
  input: { contentType: string; sizeBytes: number },
) {
  const url = await deps.files.presignPut(key, {
    contentType: input.contentType,
    sizeBytes: input.sizeBytes,
    expiresInSeconds: uploadUrlSeconds,
  });
  return {
    url,
    method: 'PUT' as const,
    headers: { 'content-type': input.contentType },
    expiresAt: new Date(deps.clock.now().getTime() + uploadUrlSeconds * 1000).toISOString(),
  };
}
