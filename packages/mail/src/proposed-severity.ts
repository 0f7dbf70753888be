export type Severity = 'fatal' | 'serious' | 'minor';

/**
 * Words that suggest a severity, after the contract's definitions (服务方式 定义):
 * - fatal (致命错误): the system stops or is interrupted (能够引起系统停机或中断), so 停机, 宕机,
 *   中断, 瘫痪, 崩溃, 无法使用, and the words a hospital uses when it is one: 致命, 紧急;
 * - serious (严重错误): large impact but the system keeps running: 严重, 重要;
 * - minor (一般错误): some impact, normal operation continues: 一般, and 咨询 (a question is at
 *   most minor).
 * A word right after 不/非/无/没 (不紧急, 非致命, 不严重) does not count.
 */
const WORDS: ReadonlyArray<readonly [Severity, readonly string[]]> = [
  ['fatal', ['致命', '紧急', '停机', '宕机', '瘫痪', '崩溃', '中断', '无法使用', '不能使用']],
  ['serious', ['严重', '重要']],
  ['minor', ['一般', '咨询']],
];

const NEGATION = /[不非无没]$/;

function mentions(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!NEGATION.test(text.slice(0, at))) return true;
  }
  return false;
}

/**
 * The severity the words of a fault report suggest, or null. It is a proposal for the engineer
 * who triages the ticket and confirms or changes it. The highest severity mentioned anywhere in
 * the subject or the new text wins: proposing fatal for a serious fault costs an engineer a look,
 * proposing minor for a fatal one costs the hospital an hour of downtime and the vendor 1% of
 * the contract.
 */
export function proposedSeverity(subject: string | null, text: string | null): Severity | null {
  const words = `${subject ?? ''}\n${text ?? ''}`;
  for (const [severity, candidates] of WORDS) {
    if (candidates.some((word) => mentions(words, word))) return severity;
  }
  return null;
}
