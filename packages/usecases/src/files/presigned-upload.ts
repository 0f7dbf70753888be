import type { Clock, FileDeps, FileStore } from '../ports.ts';
import { issueKey } from './issued-keys.ts';

/** A presigned URL works this long: enough to upload or download a large scan, no longer. */
export const fileUrlLifetimeSeconds = 15 * 60;

/**
 * A presigned PUT for one declared file at `key`, its type and length signed (S3 refuses any
 * other), as the browser is told to send it: proofs and fault reports' files alike.
 */
export async function presignedPut(
  deps: { files: FileStore; clock: Clock },
  key: string,
  input: { contentType: string; sizeBytes: number },
) {
  const url = await deps.files.presignPut(key, {
    contentType: input.contentType,
    sizeBytes: input.sizeBytes,
    expiresInSeconds: fileUrlLifetimeSeconds,
  });
  return {
    url,
    method: 'PUT' as const,
    headers: { 'content-type': input.contentType },
    expiresAt: new Date(deps.clock.now().getTime() + fileUrlLifetimeSeconds * 1000).toISOString(),
  };
}

/** Where and how the browser PUTs the file, and the key to name it by afterwards. */
export interface PresignedUpload {
  uploadUrl: string;
  headers: { 'content-type': string };
  fileKey: string;
  expiresAt: string;
}

/**
 * A presigned PUT for one file under `folder`: a key of ours (an id and the name's extension),
 * the type and length signed in (the route's schema bounds the length), so the browser uploads
 * straight to S3 and the bucket refuses any other type or size.
 */
export async function presignedUpload(
  deps: FileDeps,
  folder: string,
  input: { fileName: string; contentType: string; sizeBytes: number },
): Promise<PresignedUpload> {
  const fileKey = issueKey(folder, deps.ids.next(), input.fileName);
  const { url, headers, expiresAt } = await presignedPut(deps, fileKey, input);
  return { uploadUrl: url, headers, fileKey, expiresAt };
}
