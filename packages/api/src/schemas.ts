import * as z from 'zod';
import { hospitalFieldsSchema, hospitalIdSchema, line, roles } from '@weibao/domain';

/** Every stored entity carries these; `version` is the optimistic-lock counter. */
export const entityMeta = {
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  deletedAt: z.iso.datetime().nullable(),
};

export const versionSchema = z.number().int().positive();

export const listQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});

/**
 * The hospitals one may see: a page of them, a page of those a search finds (`q`), or the named
 * ones (`ids`, at most 100, to name the hospitals of a list without reading them all).
 */
export const listHospitalsQuerySchema = listQuerySchema
  .extend({
    q: z.string().trim().min(1).max(50).optional(),
    ids: z
      .string()
      .max(4200)
      .transform((s) => [...new Set(s.split(','))])
      .pipe(z.array(hospitalIdSchema).min(1).max(100))
      .optional(),
  })
  .refine((x) => !x.ids || (x.q === undefined && x.cursor === undefined), {
    message: '按医院编号查询时不能同时搜索或翻页',
    path: ['ids'],
  });

export function listOf<T extends z.ZodType>(item: T) {
  return z.strictObject({ items: z.array(item), next: z.string().nullable() });
}

export const hospitalParamsSchema = z.strictObject({ hospitalId: hospitalIdSchema });
export const ulidSchema = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'not a valid id');
export const contractParamsSchema = z.strictObject({
  hospitalId: hospitalIdSchema,
  contractId: ulidSchema,
});
export const deleteQuerySchema = z.strictObject({ version: z.coerce.number().int().positive() });

export const hospitalSchema = z.strictObject({
  id: hospitalIdSchema,
  ...hospitalFieldsSchema.shape,
  ...entityMeta,
});
export type Hospital = z.infer<typeof hospitalSchema>;

export const createHospitalSchema = z.strictObject({
  id: hospitalIdSchema,
  ...hospitalFieldsSchema.shape,
});
export const updateHospitalSchema = hospitalFieldsSchema
  .partial()
  .extend({ version: versionSchema })
  .strict();

export const auditRecordSchema = z.strictObject({
  id: z.string(),
  hospitalId: hospitalIdSchema,
  at: z.iso.datetime(),
  actor: z.strictObject({
    sub: z.string(),
    email: z.string().nullable(),
    role: z.enum(roles),
    name: z.string().optional(),
  }),
  action: z.string(),
  entity: z.strictObject({ type: z.string(), id: z.string() }),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  /** The audit lane (docs/data-model.md): the changed item, position, hash of the record before, own hash. */
  lane: z.string(),
  seq: z.number().int().positive(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

export const healthSchema = z.strictObject({
  status: z.enum(['up', 'degraded']),
  components: z.record(
    z.string(),
    z.strictObject({ status: z.enum(['up', 'down']), detail: z.string().optional() }),
  ),
});

export const meSchema = z.strictObject({
  sub: z.string(),
  email: z.string().nullable(),
  role: z.enum(roles),
  hospitalId: hospitalIdSchema.nullable(),
});

/** RFC 9457 problem details, as every error is answered. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  currentVersion: z.number().int().optional(),
  /** Why a signed link is gone (410): it was used, or it expired. */
  reason: z.enum(['used', 'expired']).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/**
 * A user id as Cognito issues it (`sub`, a UUID). Strict, because no user directory can confirm
 * that a user exists: a mistyped id is refused instead of silently assigning nobody. (Another
 * OIDC provider with other subjects would widen this.)
 */
export const subSchema = z
  .string()
  .regex(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'not a user id (a UUID)',
  );
export const engineerParamsSchema = z.strictObject({ sub: subSchema });

/** `hospitalIds: null` lifts the limit (every hospital); a list limits the engineer to exactly it. */
export const engineerHospitalsInputSchema = z.strictObject({
  hospitalIds: z.array(hospitalIdSchema).max(100).nullable(),
  /** The version read (0 while the engineer has never been limited). */
  version: z.number().int().min(0),
});

/** A calendar year entered by a vendor admin (path). */
export const calendarYearParamsSchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2200),
});

const namedDaySchema = z.strictObject({ date: z.iso.date(), name: line(50) });

/** One year from the State Council's notice: every holiday date and every 调休 working day. */
export const calendarYearInputSchema = z.strictObject({
  /** The notice's title, e.g. 国务院办公厅关于2027年部分节假日安排的通知. */
  notice: line(200),
  noticeDate: z.iso.date().nullable().optional(),
  holidays: z.array(namedDaySchema).min(1).max(60),
  makeUpWorkdays: z.array(namedDaySchema).max(20),
  /** The version read (0 while the year has not been entered). */
  version: z.number().int().min(0),
});

export const calendarYearSchema = z.strictObject({
  year: z.number().int(),
  notice: z.string(),
  noticeDate: z.string().nullable(),
  holidays: z.array(namedDaySchema),
  makeUpWorkdays: z.array(namedDaySchema),
  version: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** The vendor's company as documents print it (服务提供方); entered by a vendor admin. */
export const vendorProfileInputSchema = z.strictObject({
  name: line(100),
  address: z.string().trim().max(200).nullable(),
  /** Who holds the seal and signs as 服务方代表. */
  sealHolder: z.string().trim().max(50).nullable(),
  /** The version read (0 while the profile has not been entered). */
  version: z.number().int().min(0),
});

export const vendorProfileSchema = z.strictObject({
  /** null until a vendor admin enters it: documents leave 服务提供方 blank. */
  name: z.string().nullable(),
  address: z.string().nullable(),
  sealHolder: z.string().nullable(),
  /** 0 while not entered. */
  version: z.number().int().min(0),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const enteredCalendarYearSchema = z.strictObject({
  year: calendarYearSchema,
  /** What entering it re-planned at once: contracts planned again, obligations that changed. */
  replanned: z.strictObject({ contracts: z.number().int(), changed: z.number().int() }),
});

export const engineerHospitalsSchema = z.strictObject({
  sub: subSchema,
  hospitalIds: z.array(hospitalIdSchema).nullable(),
  version: z.number().int().min(0),
  updatedAt: z.iso.datetime().nullable(),
});

/** A person of the directory (path): the id the server derived from the e-mail. */
export const personIdSchema = z.string().regex(/^[0-9a-f]{32}$/, 'not a person id');
export const vendorPersonParamsSchema = z.strictObject({ personId: personIdSchema });
export const hospitalPersonParamsSchema = z.strictObject({
  hospitalId: hospitalIdSchema,
  personId: personIdSchema,
});
const contractRefSchema = z.strictObject({ hospitalId: hospitalIdSchema, contractId: ulidSchema });

export const personSchema = z.strictObject({
  id: personIdSchema,
  sub: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  role: z.enum(roles),
  hospitalId: hospitalIdSchema.nullable(),
  contracts: z.array(contractRefSchema),
  state: z.enum(['active', 'deactivated']),
  version: z.number().int().positive(),
  invitedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** An invitation: the same e-mail invited again answers the person already there. */
export const invitePersonSchema = z.strictObject({
  name: line(100),
  email: z.email().max(254),
  phone: z
    .string()
    .regex(/^[0-9+\- ]{3,30}$/, 'not a phone number')
    .nullable(),
  role: z.enum(roles),
  /** Supervisors and auditors: the contracts they oversee. */
  contracts: z.array(contractRefSchema).max(50).optional(),
});

/** Deactivate, reactivate, change role, name, phone or an overseer's contracts (version-checked). */
export const changePersonSchema = z.strictObject({
  version: z.number().int().positive(),
  /** Supervisors and auditors: the contracts they oversee, all of them (replaces the list). */
  contracts: z.array(contractRefSchema).min(1).max(50).optional(),
  role: z.enum(roles).optional(),
  state: z.enum(['active', 'deactivated']).optional(),
  name: line(100).optional(),
  phone: z
    .string()
    .regex(/^[0-9+\- ]{3,30}$/, 'not a phone number')
    .nullable()
    .optional(),
});
