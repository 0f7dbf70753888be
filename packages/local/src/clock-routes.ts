import * as z from 'zod';
import { ClockMoveError, type LocalClock } from './clock.ts';
import { problem, problemContentType } from './problem.ts';
import { jsonReply, type Reply } from './reply.ts';

/** The training clock as the local server answers for it: what the SPA's strip shows. */
export interface ClockState {
  /** The stack's time, UTC. */
  now: string;
  /** The same instant in 北京时间, `YYYY-MM-DD HH:mm:ss`. */
  beijing: string;
  /** How far the stack runs ahead of the machine's clock, ms. */
  offsetMs: number;
}

const moveSchema = z.union([
  z.object({ advanceMinutes: z.number().int() }).strict(),
  z.object({ at: z.string().max(40) }).strict(),
]);

const instantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export function clockState(clock: LocalClock): ClockState {
  const now = clock.now();
  return {
    now: new Date(now).toISOString(),
    beijing: new Date(now + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '),
    offsetMs: clock.offsetMs,
  };
}

function refused(field: string, message: string): Reply {
  return jsonReply(
    400,
    problem(400, 'Bad Request', message, [{ path: field, message }]),
    problemContentType,
  );
}

/**
 * `/local/clock`, the training clock of `npm start` (never a route of the API, never on AWS):
 * GET tells the stack's time; POST `{"advanceMinutes": 61}` or `{"at": "2026-12-05T02:00:00Z"}`
 * moves it forward and answers once every SLA timer, reminder and daily job that came due has run
 * (`afterMove`), so the breach, its escalation and its deduction are there when the page reloads.
 * A POST must say `content-type: application/json`: a page of another origin cannot send that
 * without the browser asking first, so no web page can move a trainer's clock.
 */
export function clockRoute(
  method: string,
  clock: LocalClock,
  afterMove: () => Promise<void>,
):
  | { needsBody: true; handle(body: Buffer, contentType: string | undefined): Promise<Reply> }
  | { needsBody: false; reply: Reply } {
  if (method === 'GET' || method === 'HEAD')
    return {
      needsBody: false,
      reply: jsonReply(200, clockState(clock), 'application/json', { 'cache-control': 'no-store' }),
    };
  if (method !== 'POST')
    return {
      needsBody: false,
      reply: jsonReply(
        405,
        problem(405, 'Method Not Allowed', 'Use GET or POST.'),
        problemContentType,
        {
          allow: 'GET, POST',
        },
      ),
    };
  return {
    needsBody: true,
    async handle(body, contentType) {
      if (!/^application\/json\b/i.test(contentType ?? ''))
        return jsonReply(
          415,
          problem(415, 'Unsupported Media Type', '请以 content-type: application/json 发送。'),
          problemContentType,
        );
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        return refused(
          '',
          '请求体须为 JSON，例如 {"advanceMinutes": 61} 或 {"at": "2026-12-05T02:00:00Z"}。',
        );
      }
      const parsed = moveSchema.safeParse(json);
      if (!parsed.success)
        return refused(
          '',
          '请给出 advanceMinutes（整数分钟）或 at（带时区的时刻，如 2026-12-05T02:00:00Z）之一。',
        );
      try {
        if ('advanceMinutes' in parsed.data) clock.advance(parsed.data.advanceMinutes * 60_000);
        else {
          const at = instantPattern.test(parsed.data.at) ? Date.parse(parsed.data.at) : Number.NaN;
          if (Number.isNaN(at))
            return refused(
              'at',
              '时刻须带时区，如 2026-12-05T02:00:00Z 或 2026-12-05T10:00:00+08:00。',
            );
          clock.setTo(at);
        }
      } catch (err) {
        if (err instanceof ClockMoveError) return refused(err.field, err.message);
        throw err;
      }
      await afterMove();
      return jsonReply(200, clockState(clock), 'application/json', { 'cache-control': 'no-store' });
    },
  };
}
