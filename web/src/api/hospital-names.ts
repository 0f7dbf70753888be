import type { ResponseOf } from './types.ts';

export type Hospital = ResponseOf<'getHospital'>;

/** One request's state for some ids' names, as useQueries gives it. */
interface NamesAnswer {
  data?: readonly Pick<Hospital, 'id' | 'name'>[] | undefined;
  isError: boolean;
  isPlaceholderData: boolean;
}

/**
 * Names for the ids asked in `chunks`, from the answers to those requests (`answers[i]` to
 * `chunks[i]`). An id is never its own label: `loading` until its request has answered,
 * `unavailable` when the answer left it out (removed, or not the user's to see), — when the
 * request failed. A placeholder answer (the previous ids') names what it holds but says nothing
 * of what is missing.
 */
export function hospitalNamer<H extends Pick<Hospital, 'id' | 'name'>>(
  chunks: readonly (readonly string[])[],
  answers: readonly (NamesAnswer & { data?: readonly H[] | undefined })[],
  words: { loading: string; unavailable: string },
) {
  const byId = new Map<string, H>();
  const answered = new Set<string>();
  const failed = new Set<string>();
  answers.forEach((r, i) => {
    if (r.isError && !r.data) for (const id of chunks[i] ?? []) failed.add(id);
    if (!r.data) return;
    for (const h of r.data) byId.set(h.id, h);
    if (!r.isPlaceholderData) for (const id of chunks[i] ?? []) answered.add(id);
  });
  return {
    hospital: (id: string) => byId.get(id),
    nameOf: (id: string) =>
      byId.get(id)?.name ??
      (answered.has(id) ? words.unavailable : failed.has(id) ? '—' : words.loading),
  };
}
