import type { z } from 'zod';
import type { OperationId, RouteOf } from '@weibao/api/routes';

export type { OperationId };

type Schema<Id extends OperationId, K extends 'params' | 'query' | 'body'> =
  RouteOf<Id> extends { readonly [P in K]: infer S extends z.ZodType } ? S : undefined;

/** Path parameters as the handler validates them. */
export type ParamsOf<Id extends OperationId> =
  Schema<Id, 'params'> extends z.ZodType ? z.output<Schema<Id, 'params'>> : undefined;
/** Query as the handler sees it after coercion; sent as strings. */
export type QueryOf<Id extends OperationId> =
  Schema<Id, 'query'> extends z.ZodType ? z.output<Schema<Id, 'query'>> : undefined;
/** Body as the client may send it: fields with defaults may be left out. */
export type BodyOf<Id extends OperationId> =
  Schema<Id, 'body'> extends z.ZodType ? z.input<Schema<Id, 'body'>> : undefined;
/** What a success answers. */
export type ResponseOf<Id extends OperationId> = z.output<RouteOf<Id>['response']>;

/** The second argument of api.call: each part required exactly when the route declares it. */
export type CallInput<Id extends OperationId> = (ParamsOf<Id> extends undefined
  ? { params?: undefined }
  : { params: ParamsOf<Id> }) &
  (QueryOf<Id> extends undefined ? { query?: undefined } : { query?: QueryOf<Id> }) &
  (BodyOf<Id> extends undefined ? { body?: undefined } : { body: BodyOf<Id> }) & {
    signal?: AbortSignal;
    /**
     * For an idempotent operation: the key of this request, when the caller keeps it across its
     * own repeats (a person pressing 提交 again after an error). Made fresh per call otherwise.
     */
    idempotencyKey?: string;
    /**
     * For a GET refreshed often (the queue): send If-None-Match with the ETag of the last answer
     * to the same URL and, on 304, return that answer again without a body on the wire.
     */
    conditional?: boolean;
  };

/** The argument list of api.call for one operation: the input is optional when nothing is required. */
export type CallArgs<Id extends OperationId> =
  Record<string, never> extends Omit<CallInput<Id>, 'signal' | 'idempotencyKey' | 'conditional'>
    ? [input?: CallInput<Id>]
    : [input: CallInput<Id>];
