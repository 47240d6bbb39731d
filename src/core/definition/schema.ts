import { z } from 'zod';

/** The condition "question has option value", as an XLSForm expression: `${Q14} = 'Yes'`. */
export function equalsCondition(question: string, value: string): string {
  const quote = value.includes("'") ? '"' : "'";
  return `\${${question}} = ${quote}${value}${quote}`;
}

/** The earlier form of `relevant`, `{question, equals}`, still read from definition files as its expression. */
const legacyRelevantSchema = z.object({ question: z.string().min(1), equals: z.string().min(1) });

const relevantSchema = z.preprocess((value) => {
  const legacy = legacyRelevantSchema.safeParse(value);
  return legacy.success ? equalsCondition(legacy.data.question, legacy.data.equals) : value;
}, z.string().min(1));

/**
 * A question's own id: Q1 for the MSQ, the XLSForm `name`, a template's row id qualified by its
 * dimension. Unique within a definition; no white space and no `|` (issue keys join ids with it).
 */
export const questionIdSchema = z.string().regex(/^[^\s|]+$/);

/** Answer types. `single`/`multiple` are choices; the rest hold what was typed. */
export const questionTypeSchema = z.enum(['text', 'single', 'multiple', 'integer', 'decimal', 'date']);

export const questionSchema = z
  .object({
    id: questionIdSchema,
    /** The question's position (1-based) in the questionnaire, as numbered or in order. */
    number: z.number().int().positive(),
    section: z.string().min(1),
    text: z.string().min(1),
    /** A second label printed under the question text ("- E-services or similar"). */
    subLabel: z.string().min(1).optional(),
    required: z.boolean(),
    type: questionTypeSchema,
    options: z.array(z.string().min(1)).optional(),
    /** The names the options are stored under (XLSForm choice names such as `yes`), one per option. */
    optionNames: z.array(z.string().min(1)).optional(),
    /** Other wordings of the question text (other languages, other editions) a file may head it with. */
    aliases: z.array(z.string().min(1)).optional(),
    /** Label of an option whose answer is typed text ("Other"). */
    otherOption: z.string().min(1).optional(),
    /** What a valid answer looks like (XLSForm's `constraint`, by name). */
    format: z.enum(['email', 'country', 'url']).optional(),
    /**
     * When the question applies, as an XLSForm expression over other answers, compared by option
     * name: `${Q14} = 'Yes'`, `selected(${modes}, 'mobile')`. Where it is unmet the question does not apply.
     */
    relevant: relevantSchema.optional(),
    /** What a valid answer is, as an XLSForm constraint expression (`.` is the answer). */
    constraint: z.string().min(1).optional(),
    /** What to tell the analyst when the constraint fails. */
    constraintMessage: z.string().min(1).optional(),
  })
  .refine((q) => !isChoiceType(q.type) || (q.options?.length ?? 0) > 0, {
    message: 'choice questions need options',
  })
  .refine((q) => !q.optionNames || q.optionNames.length === (q.options?.length ?? 0), {
    message: 'optionNames must name every option, in order',
  });

export function isChoiceType(type: z.infer<typeof questionTypeSchema>): boolean {
  return type === 'single' || type === 'multiple';
}

export const severitySchema = z.enum(['error', 'warning', 'info']);

export const ruleConfigSchema = z.object({
  enabled: z.boolean().default(true),
  severity: severitySchema,
  /** Questions this rule leaves alone (an analyst's policy, e.g. an optional-in-practice closing remark). */
  skip: z.array(questionIdSchema).optional(),
});

/** Where a definition came from, for the summary, the import report and the About sheet. */
export const definitionSourceSchema = z.object({
  kind: z.enum(['built-in', 'file', 'xlsform', 'template', 'derived']),
  /** One sentence: "derived from the header of export.xlsx: 27 questions in 3 sections". */
  description: z.string().min(1),
});

export const definitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  source: definitionSourceSchema.optional(),
  sections: z.array(z.object({ id: z.string().min(1), title: z.string().min(1) })).min(1),
  questions: z.array(questionSchema).min(1),
  /** Headings and notes printed between questions; never part of an answer. */
  interstitials: z.array(z.string()).default([]),
  /** Regular expressions for user-interface lines of a rendered form page. */
  noise: z.array(z.string()).default([]),
  /** Lines that open the closing text after the last question. */
  footer: z.array(z.string()).default([]),
  /** Which check rules apply, with their severities, keyed by rule code. */
  checks: z.record(z.string(), ruleConfigSchema).default({}),
  /** Words that stand in for an answer ("-", "N/A"); compared case-insensitively. */
  placeholders: z.array(z.string()).default([]),
});

export type QuestionType = z.infer<typeof questionTypeSchema>;
export type DefinitionSource = z.infer<typeof definitionSourceSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Severity = z.infer<typeof severitySchema>;
export type RuleConfig = z.infer<typeof ruleConfigSchema>;
export type Definition = z.infer<typeof definitionSchema>;
export type Section = Definition['sections'][number];
