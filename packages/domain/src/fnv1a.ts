/**
 * FNV-1a, 32 bits, of a text's UTF-16 code units: a fast, stable, well-mixed hash for spreading
 * things (hospitals over list shards, reminders over their window). Not for security.
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
