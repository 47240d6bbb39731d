import { z } from 'zod';

/** When a question applies (XLSForm's `relevant`): another question has a given answer. */
export const relevantSchema = z.object({
  question: z.string().regex(/^Q\d+$/),
  equals: z.string().min(1),
});

export const questionSchema = z
  .object({
    id: z.string().regex(/^Q\d+$/),
    number: z.number().int().positive(),
    section: z.string().min(1),
    text: z.string().min(1),
    /** A second label printed under the question text ("- E-services or similar"). */
    subLabel: z.string().min(1).optional(),
    required: z.boolean(),
    type: z.enum(['text', 'single', 'multiple']),
    options: z.array(z.string().min(1)).optional(),
    /** Label of an option whose answer is typed text ("Other"). */
    otherOption: z.string().min(1).optional(),
    /** What a valid answer looks like (XLSForm's `constraint`, by name). */
    format: z.enum(['email', 'country', 'url']).optional(),
    relevant: relevantSchema.optional(),
  })
  .refine((q) => q.type === 'text' || (q.options?.length ?? 0) > 0, {
    message: 'choice questions need options',
  });

export const severitySchema = z.enum(['error', 'warning', 'info']);

export const ruleConfigSchema = z.object({
  enabled: z.boolean().default(true),
  severity: severitySchema,
  /** Questions this rule leaves alone (an analyst's policy, e.g. an optional-in-practice closing remark). */
  skip: z.array(z.string().regex(/^Q\d+$/)).optional(),
});

export const definitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
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

export type Relevant = z.infer<typeof relevantSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Severity = z.infer<typeof severitySchema>;
export type RuleConfig = z.infer<typeof ruleConfigSchema>;
export type Definition = z.infer<typeof definitionSchema>;
export type Section = Definition['sections'][number];
