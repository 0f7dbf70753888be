import type { z } from 'zod';
import type { Role } from '@weibao/domain';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route and how the hospital scope is derived.
 * - public: no token (health, the OpenAPI document).
 * - authenticated: any signed-in role; the handler scopes what it returns to the token.
 * - vendor: vendor roles only; no hospital in the path.
 * - hospital: the path names {hospitalId}; vendor roles reach any hospital, everyone else only the
 *   hospital of their token (another hospital is answered 404, so its existence does not leak).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'authenticated'; roles: readonly Role[] }
  | { kind: 'vendor'; roles: readonly Role[] }
  | { kind: 'hospital'; roles: readonly Role[] };

export interface RouteDef<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> {
  operationId: string;
  method: HttpMethod;
  /** API Gateway style: /api/hospitals/{hospitalId} */
  path: string;
  /** functions/<handler>.ts exports `handler`. */
  handler: string;
  summary: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** AWS resources the handler touches besides the table, so CDK grants exactly these. */
  uses?: {
    /**
     * The files bucket (FILES_BUCKET); 'list' is enough to check it exists; 'read' reads objects
     * (and presigns download URLs) under `hospitals/`, what a GET may do; 'read-write' reads and
     * writes objects (and presigns URLs that do) under `hospitals/`: deliverables, mail attachments;
     * 'write' also deletes them and reads their metadata (obligation proof uploads).
     */
    files?: 'list' | 'read' | 'read-write' | 'write';
    /** The bucket of received mail (MAIL_BUCKET, INTAKE_DOMAIN), read only: the quarantine. */
    inbound?: 'read';
    /** SES: 'account' reads the sending status; 'send' sends mail as MAIL_FROM. */
    mail?: 'account' | 'send';
    /**
     * SLA timers (EventBridge Scheduler): 'health' reads the schedule group; 'replace' creates,
     * updates and deletes the timers of tickets (SCHEDULE_GROUP, SLA_TIMER_ARN, …).
     */
    timers?: 'health' | 'replace';
    /**
     * Obligation reminders (EventBridge Scheduler): 'replace' creates, updates and deletes the
     * reminder and evaluation-request schedules of obligations (OBLIGATION_TIMER_ARN, …).
     */
    reminders?: 'replace';
    /**
     * Notification channels: 'schedule' hands messages to the hospital's WeCom and DingTalk robots
     * as one-time delivery schedules (CHANNEL_DELIVERY_ARN, …): every ticket writer.
     */
    channels?: 'schedule';
    /** Signed links: 'sign' makes and checks link tokens with the link key (LINK_KEY_ID on AWS). */
    links?: 'sign';
    /**
     * The user pool's accounts (USER_POOL_ID): 'manage' creates a sign-in for an invited person,
     * moves it between role groups, disables and enables it (the directory's writes).
     */
    accounts?: 'manage';
  };
  /**
   * Media type of a success body that is a file (e.g. DOCX) instead of JSON: the handler answers
   * { fileName, contentType, bytes } and the client gets the bytes (base64 through API Gateway).
   */
  produces?: string;
  /** Status of a success; 200 unless said. */
  status?: 200 | 201 | 204;
  /**
   * The route honours an `Idempotency-Key` header: a request repeated with the same key and the
   * same body answers what the first one did, the same key with another body is refused (422).
   * The web app sends a key with every call of such a route and keeps it across its own retries.
   */
  idempotent?: true;
}

/** Keeps each route's literal types (operationId, access kind, schemas) for typed handlers. */
export function defineRoute<const T extends RouteDef>(route: T): T {
  return route;
}

/** Path parameter names in order of appearance: /a/{x}/b/{y} → ['x', 'y']. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
}

/** The route `id` of `table` (one capability's routes), with its literal types. */
export function routeIn<const T extends readonly RouteDef[], Id extends T[number]['operationId']>(
  table: T,
  id: Id,
): Extract<T[number], { operationId: Id }> {
  const found = table.find((r) => r.operationId === id);
  if (!found) throw new Error(`no route ${id}`);
  return found as Extract<T[number], { operationId: Id }>;
}
