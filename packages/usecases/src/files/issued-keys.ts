/**
 * Object keys the server issues for uploads: a folder named by ids the server checked, then an id
 * the server made and an extension taken from the file name. A key that comes back from a client
 * is accepted only when it has exactly this shape under the folder it must be in: no `..`, no
 * other hospital's folder, no key the server never could have issued.
 */

/** A ULID as ids.next() makes it (Crockford base 32, 26 characters). */
const issuedId = '[0-9A-HJKMNP-TV-Z]{26}';
const extension = '\\.[a-z0-9]{1,10}';

/** `.pdf` of `报告.PDF`; nothing when the name has no plain extension. */
export function extensionOfName(fileName: string): string {
  return /\.[A-Za-z0-9]{1,10}$/.exec(fileName)?.[0].toLowerCase() ?? '';
}

/** The key of a new upload in `folder` (which ends with `/`). */
export function issueKey(folder: string, id: string, fileName: string): string {
  if (!folder.endsWith('/') || !new RegExp(`^${issuedId}$`).test(id))
    throw new Error(`not an upload folder and id: ${folder} ${id}`);
  return `${folder}${id}${extensionOfName(fileName)}`;
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether a key from a client is one issueKey could have given for this folder. */
export function isIssuedKey(key: string, folder: string): boolean {
  return new RegExp(`^${escaped(folder)}${issuedId}(?:${extension})?$`).test(key);
}
