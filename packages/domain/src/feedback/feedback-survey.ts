/**
 * 用户意见收集 (用户支持：收集反馈：定期收集用户对软件系统的使用反馈): each quarter a department
 * rates every subsystem of the contract from 1 (很不满意) to 5 (很满意) and may add a remark.
 * Pure rules: what a valid answer is, and what a quarter's answers add up to.
 */

export const satisfactionScores = [1, 2, 3, 4, 5] as const;
export type SatisfactionScore = (typeof satisfactionScores)[number];

export const satisfactionNamesZh: Record<SatisfactionScore, string> = {
  1: '很不满意',
  2: '不满意',
  3: '一般',
  4: '满意',
  5: '很满意',
};

/** A remark per subsystem stays short enough to read on a phone and to print in the report. */
export const maxFeedbackCommentChars = 500;
export const maxFeedbackNameChars = 50;

export interface SubsystemRating {
  /** The subsystem's name as the contract's terms have it. */
  subsystem: string;
  score: SatisfactionScore;
  comment: string | null;
}

export interface FeedbackAnswerInput {
  /** The respondent and their role in the department (护士长, 科主任, …). */
  name: string;
  role: string;
  ratings: { subsystem: string; score: number; comment?: string | null | undefined }[];
}

export interface FeedbackProblem {
  path: string;
  message: string;
}

/**
 * Every problem of an answer against the contract's subsystems, each with its field path and a
 * Chinese message: every subsystem rated exactly once with a whole score 1 to 5, remarks bounded,
 * name and role given.
 */
export function feedbackAnswerProblems(
  subsystems: readonly string[],
  input: FeedbackAnswerInput,
): FeedbackProblem[] {
  const problems: FeedbackProblem[] = [];
  const person = (field: 'name' | 'role', label: string) => {
    const v = input[field].trim();
    if (v.length === 0) problems.push({ path: field, message: `请填写${label}` });
    else if (v.length > maxFeedbackNameChars)
      problems.push({ path: field, message: `${label}不能超过${maxFeedbackNameChars}个字` });
  };
  person('name', '姓名');
  person('role', '职务');
  const seen = new Set<string>();
  input.ratings.forEach((r, i) => {
    if (!subsystems.includes(r.subsystem))
      problems.push({ path: `ratings.${i}.subsystem`, message: '该子系统不在本合同运维范围内' });
    else if (seen.has(r.subsystem))
      problems.push({ path: `ratings.${i}.subsystem`, message: `“${r.subsystem}”重复评价` });
    seen.add(r.subsystem);
    if (!Number.isInteger(r.score) || r.score < 1 || r.score > 5)
      problems.push({ path: `ratings.${i}.score`, message: '满意度请选择 1 至 5 分' });
    if ((r.comment ?? '').trim().length > maxFeedbackCommentChars)
      problems.push({
        path: `ratings.${i}.comment`,
        message: `意见不能超过${maxFeedbackCommentChars}个字`,
      });
  });
  subsystems.forEach((s) => {
    if (!seen.has(s)) problems.push({ path: 'ratings', message: `请为“${s}”选择满意度` });
  });
  return problems;
}

/** The answer as stored: trimmed, in the contract's order of subsystems, empty remarks as null. */
export function normalisedRatings(
  subsystems: readonly string[],
  input: FeedbackAnswerInput,
): SubsystemRating[] {
  return subsystems.map((s) => {
    const r = input.ratings.find((x) => x.subsystem === s);
    if (!r) throw new Error(`no rating for ${s}: check feedbackAnswerProblems first`);
    const comment = (r.comment ?? '').trim();
    return { subsystem: s, score: r.score as SatisfactionScore, comment: comment || null };
  });
}

/**
 * The mean of whole scores in whole hundredths of a point, rounded half up (4.235 → 424), in
 * integers only; null when nobody answered.
 */
export function averageHundredths(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  const sum = scores.reduce((a, b) => a + b, 0);
  return Math.floor((sum * 200 + scores.length) / (2 * scores.length));
}

/** 4.24 as people read it; — when nobody answered. */
export const hundredthsText = (h: number | null) => (h === null ? '—' : (h / 100).toFixed(2));

export interface SubsystemSatisfaction {
  subsystem: string;
  /** Answers that rated it. */
  count: number;
  averageHundredths: number | null;
  /** How many chose 1, 2, 3, 4 and 5 (index 0 is 1 分). */
  distribution: [number, number, number, number, number];
}

/** A quarter's answers per subsystem, in the contract's order, and over all subsystems. */
export function feedbackSummary(
  subsystems: readonly string[],
  answers: readonly { ratings: readonly SubsystemRating[] }[],
): { subsystems: SubsystemSatisfaction[]; overall: SubsystemSatisfaction } {
  const tally = (subsystem: string, scores: number[]): SubsystemSatisfaction => {
    const distribution: SubsystemSatisfaction['distribution'] = [0, 0, 0, 0, 0];
    for (const s of scores) distribution[s - 1] = (distribution[s - 1] ?? 0) + 1;
    return {
      subsystem,
      count: scores.length,
      averageHundredths: averageHundredths(scores),
      distribution,
    };
  };
  const scoresOf = (s: string) =>
    answers.flatMap((a) => a.ratings.filter((r) => r.subsystem === s).map((r) => r.score));
  return {
    subsystems: subsystems.map((s) => tally(s, scoresOf(s))),
    overall: tally(
      '全部子系统',
      answers.flatMap((a) => a.ratings.map((r) => r.score)),
    ),
  };
}
