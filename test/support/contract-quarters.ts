import {
  deliverableUploadSchema,
  evaluationWithHashSchema,
  milestoneViewSchema,
  quarterDeliverablesSchema,
} from '@weibao/api';
import * as z from 'zod';
import { expect } from 'vitest';

/** One API call as someone (an e-mail of the directory, or whatever the test's caller takes). */
export type Call<Who> = (
  as: Who,
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: unknown }>;

/**
 * A contract's quarters through the API, as its people work them: evaluations read and signed,
 * deliverables uploaded through the presigned PUT or marked none, the payments read.
 * `base` is the contract's path (`/api/hospitals/<h>/contracts/<id>`); `manager` reads and uploads.
 */
export function contractQuarters<Who>(call: Call<Who>, base: string, manager: NoInfer<Who>) {
  const payments = async () =>
    z
      .strictObject({ items: z.array(milestoneViewSchema) })
      .parse((await call(manager, 'GET', `${base}/payments`)).body).items;

  const progress = async () => {
    const m = (await payments()).find((p) => p.milestone.kind === 'progress');
    if (!m) throw new Error('the contract has no progress milestone');
    return m;
  };

  const evaluation = async (id: string) =>
    evaluationWithHashSchema.parse((await call(manager, 'GET', `${base}/evaluations/${id}`)).body);

  /** Each signer signs the content of the evaluation as it stands, one after the other. */
  async function sign(id: string, signers: Who[]) {
    for (const signer of signers) {
      const { evaluation: e, contentSha256 } = await evaluation(id);
      const signed = await call(signer, 'POST', `${base}/evaluations/${id}/signatures`, {
        version: e.version,
        contentSha256,
      });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    }
    return evaluation(id);
  }

  /** Drafts a quarter's evaluation and enters both parts with the spot checks given. */
  async function rate(
    id: string,
    parts: { who: Who; part: 'service-level' | 'service-quality' }[],
    spotChecks = { sampled: 8, passed: 8 },
  ) {
    expect((await call(manager, 'PUT', `${base}/evaluations/${id}`)).status).toBe(201);
    for (const { who, part } of parts) {
      const { evaluation: e } = await evaluation(id);
      const entered = await call(who, 'PUT', `${base}/evaluations/${id}/${part}`, {
        version: e.version,
        spotChecks,
        adverseEvents: 0,
      });
      expect(entered.status, JSON.stringify(entered.body)).toBe(200);
    }
    return evaluation(id);
  }

  async function record(quarter: number, item: string, body: Record<string, unknown>) {
    const list = z
      .strictObject({ items: z.array(quarterDeliverablesSchema) })
      .parse((await call(manager, 'GET', `${base}/deliverables`)).body).items;
    const version = list.find((q) => q.quarter === quarter)?.version ?? 0;
    const res = await call(manager, 'PUT', `${base}/deliverables/${quarter}/${item}`, {
      ...body,
      version,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return quarterDeliverablesSchema.parse(res.body);
  }

  /** Uploads a file through the presigned PUT and records it as the item of the quarter. */
  async function attach(quarter: number, item: string, fileName: string, content: string) {
    const upload = deliverableUploadSchema.parse(
      (
        await call(manager, 'POST', `${base}/deliverables/${quarter}/${item}/uploads`, {
          fileName,
          contentType: 'application/pdf',
          sizeBytes: Buffer.byteLength(content),
        })
      ).body,
    );
    const put = await fetch(upload.uploadUrl, {
      method: 'PUT',
      headers: upload.headers,
      body: content,
    });
    expect(put.status).toBe(200);
    return record(quarter, item, { state: 'attached', fileKey: upload.fileKey, fileName });
  }

  const noneThisQuarter = (quarter: number, items: string[], reason = '本季度无') =>
    items.reduce<Promise<unknown>>(
      (p, item) => p.then(() => record(quarter, item, { state: 'none', reason })),
      Promise.resolve(),
    );

  return { payments, progress, evaluation, sign, rate, record, attach, noneThisQuarter };
}
