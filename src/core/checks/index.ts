import type { Definition } from '../definition';
import { issueKey, type Issue, type Response, type Severity } from '../model';
import { constraintRules } from './constraints';
import { countryRules } from './countries';
import { duplicateRules } from './duplicates';
import { emailRules } from './emails';
import { encodingRules } from './encoding';
import { followUpRules } from './followups';
import { linkRules } from './links';
import { placeholderRules } from './placeholders';
import { qualityRules } from './quality';
import { relevanceRules } from './relevance';
import { requiredRules } from './required';
import { makeContext, type BatchFinding, type Rule } from './rule';
import { selectionRules } from './selection';
import { compareNatural } from './text';
import { timingRules } from './timing';
import { unfinishedRules } from './unfinished';

export { resolveDuplicates } from './duplicates';

const ALL_RULES: Rule[] = [
  ...encodingRules,
  ...unfinishedRules,
  ...requiredRules,
  ...followUpRules,
  ...relevanceRules,
  ...constraintRules,
  ...placeholderRules,
  ...emailRules,
  ...duplicateRules,
  ...countryRules,
  ...selectionRules,
  ...linkRules,
  ...timingRules,
  ...qualityRules,
];

/** The rule catalogue: stable codes, what each catches, and its usual severity. */
export const RULES: {
  code: string;
  family: string;
  title: string;
  defaultSeverity: Severity;
  description: string;
  /** Runs, with its default severity, where the definition does not configure it. */
  runsUnlessDisabled: boolean;
}[] = ALL_RULES.map(({ code, family, title, defaultSeverity, description, runsUnlessDisabled }) => ({
  code,
  family,
  title,
  defaultSeverity,
  description,
  runsUnlessDisabled: runsUnlessDisabled === true,
}));

/** Runs every rule def.checks enables (and those that run unless disabled) over the batch; issues sorted by file, response, question number, rule. */
export function runChecks(
  responses: Response[],
  def: Definition,
  /** Told, before each rule runs, how many of the rules that run have run. */
  onProgress?: (done: number, total: number) => void,
): Issue[] {
  const ctx = makeContext(def);
  const issues: Issue[] = [];
  const configured = (rule: Rule) =>
    def.checks[rule.code] ?? (rule.runsUnlessDisabled ? { severity: rule.defaultSeverity } : undefined);
  const running = ALL_RULES.filter((rule) => {
    const config = configured(rule);
    return config !== undefined && config.enabled !== false;
  });
  for (const [done, rule] of running.entries()) {
    onProgress?.(done, running.length);
    const config = configured(rule)!;
    const { severity, skip } = config;
    const skipped = new Set(skip ?? []);
    const findings: BatchFinding[] = [
      ...(rule.checkBatch?.(responses, ctx) ?? []),
      ...(rule.check
        ? responses.flatMap((response) => rule.check!(response, ctx).map((f) => ({ ...f, response })))
        : []),
    ];
    for (const { response, questionId, message, evidence } of findings) {
      if (skipped.has(questionId)) continue;
      issues.push({
        responseId: response.responseId,
        sourceFile: response.sourceFile,
        questionId,
        rule: rule.code,
        severity,
        message,
        evidence,
        key: issueKey(response.sourceFile, response.responseId, questionId, rule.code),
      });
    }
  }
  const number = (questionId: string) => (questionId ? (ctx.question(questionId)?.number ?? Infinity) : 0);
  return issues.sort(
    (a, b) =>
      compareNatural(a.sourceFile, b.sourceFile) ||
      compareNatural(a.responseId, b.responseId) ||
      number(a.questionId) - number(b.questionId) ||
      compareNatural(a.rule, b.rule),
  );
}
