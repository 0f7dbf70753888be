import type { Problem } from '@weibao/api';

export const problemContentType = 'application/problem+json';

/** RFC 9457 problem details, the shape every weibao error takes. */
export function problem(
  status: number,
  title: string,
  detail?: string,
  errors?: Problem['errors'],
): Problem {
  return {
    type: 'about:blank',
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}
