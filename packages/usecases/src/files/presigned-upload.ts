import type { FileDeps } from '../ports.ts';
import { issueKey } from './issued-keys.ts';

/** A presigned URL works this long: enough to upload or download a large scan, no longer. */
export const fileUrlLifetimeSeconds = 15 * 60;

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
  const uploadUrl = await deps.files.presignPut(fileKey, {
    contentType: input.contentType,
    sizeBytes: input.sizeBytes,
    expiresInSeconds: fileUrlLifetimeSeconds,
  });
  const expiresAt = new Date(
    deps.clock.now().getTime() + fileUrlLifetimeSeconds * 1000,
  ).toISOString();
  return { uploadUrl, headers: { 'content-type': input.contentType }, fileKey, expiresAt };
}
