import type { Definition, Question } from '../definition';
import type { Response, Severity } from '../model';

/** What a rule found: the issue without its severity and key, which come from the configuration. */
export interface Finding {
  /** Empty for a response-level finding. */
  questionId: string;
  message: string;
  evidence: string;
}

export interface BatchFinding extends Finding {
  response: Response;
}

/** What every rule needs besides the responses: the questionnaire, indexed, and which rules run. */
export interface CheckContext {
  def: Definition;
  question(id: string): Question | undefined;
  enabled(rule: string): boolean;
}

export interface RuleInfo {
  code: string;
  family: string;
  title: string;
  defaultSeverity: Severity;
  description: string;
}

/** A rule looks at one response at a time, or at the whole batch (duplicates, timing). */
export interface Rule extends RuleInfo {
  /**
   * A rule about how files were read rather than about the questionnaire: it runs, with its default
   * severity, for a definition that does not configure it.
   */
  runsUnlessDisabled?: boolean;
  check?: (response: Response, ctx: CheckContext) => Finding[];
  checkBatch?: (responses: Response[], ctx: CheckContext) => BatchFinding[];
}

export function makeContext(def: Definition): CheckContext {
  const byId = new Map(def.questions.map((q) => [q.id, q]));
  return {
    def,
    question: (id) => byId.get(id),
    enabled: (rule) => {
      const config = def.checks[rule];
      return config !== undefined && config.enabled !== false;
    },
  };
}
