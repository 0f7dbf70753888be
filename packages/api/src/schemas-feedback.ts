import * as z from 'zod';
import { maxFeedbackCommentChars, maxFeedbackNameChars } from '@weibao/domain';
import { line } from './text-schemas.ts';
import { contractParamsSchema, ulidSchema, versionSchema } from './schemas.ts';
import { linkTokenSchema } from './schemas-tickets.ts';

/** 用户意见收集: the quarter's survey round of a contract and a department's answer through its link. */
export const feedbackRoundParamsSchema = contractParamsSchema.extend({
  quarter: z.coerce.number().int().min(1).max(40),
});

export const createFeedbackRoundSchema = z.strictObject({
  quarter: z.number().int().min(1).max(40),
  departments: z
    .array(
      z.strictObject({
        /** 科室 as people call it: 心内科一病区. */
        name: line(100),
        /** Where its link and reminders go; optional (the link can be handed over in person). */
        email: z.email('请填写有效的电子邮箱').max(254).optional(),
      }),
    )
    .min(1, '请至少选择一个科室')
    .max(200, '一次最多调查 200 个科室'),
});
export const closeFeedbackRoundSchema = z.strictObject({ version: versionSchema });

const satisfaction = z.strictObject({
  subsystem: z.string(),
  count: z.number().int().nonnegative(),
  averageHundredths: z.number().int().nullable(),
  distribution: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]),
});

export const feedbackRoundSchema = z.strictObject({
  contractId: ulidSchema,
  quarter: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  state: z.enum(['open', 'closed']),
  validUntil: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int().positive(),
  createdAt: z.string(),
  departments: z.array(
    z.strictObject({
      id: ulidSchema,
      name: z.string(),
      email: z.string().nullable(),
      url: z.string(),
      answeredAt: z.string().nullable(),
      respondent: z.string().nullable(),
      remindedAt: z.string().nullable(),
    }),
  ),
  subsystems: z.array(satisfaction),
  overall: satisfaction,
  comments: z.array(
    z.strictObject({
      department: z.string(),
      subsystem: z.string(),
      score: z.number().int(),
      comment: z.string(),
      name: z.string(),
    }),
  ),
});

export const feedbackRemindersSchema = z.strictObject({
  reminded: z.array(z.string()),
  withoutAddress: z.array(z.string()),
  round: feedbackRoundSchema,
});

/** What the survey page shows: nothing of the hospital's data beyond the survey itself. */
export const feedbackLinkDescriptionSchema = z.strictObject({
  hospitalName: z.string(),
  contractName: z.string(),
  quarter: z.number().int(),
  startsOn: z.string(),
  endsOn: z.string(),
  department: z.string(),
  subsystems: z.array(z.string()),
  expiresAt: z.string(),
});

export const answerFeedbackSchema = z.strictObject({
  token: linkTokenSchema,
  name: line(maxFeedbackNameChars),
  role: line(maxFeedbackNameChars),
  ratings: z
    .array(
      z.strictObject({
        subsystem: z.string().max(200),
        score: z
          .number()
          .int('满意度请选择 1 至 5 分')
          .min(1, '满意度请选择 1 至 5 分')
          .max(5, '满意度请选择 1 至 5 分'),
        comment: z
          .string()
          .trim()
          .max(maxFeedbackCommentChars, `意见不能超过${maxFeedbackCommentChars}个字`)
          .optional(),
      }),
    )
    .min(1, '请为各子系统选择满意度')
    .max(100),
});
/** The department learns that its answer is on record, nothing more. */
export const feedbackAnswerResultSchema = z.strictObject({
  department: z.string(),
  quarter: z.number().int(),
  answeredAt: z.string(),
});
