import { CONFIDENT_READING, type Response } from '../model';
import type { Finding, Rule } from './rule';
import { evidence } from './text';

/**
 * A text file whose code page was guessed, where another code page reads it differently and nearly as
 * well: the answers may be garbled ("Èeské" for "České") and the analyst should choose the encoding.
 */
function encodingUncertain(r: Response): Finding[] {
  const reading = r.reading;
  if (!reading || reading.basis !== 'detected' || reading.confidence >= CONFIDENT_READING) return [];
  if (!reading.alternatives.length) return [];
  const percent = Math.round(reading.confidence * 100);
  const others = reading.alternatives.map((a) => a.encoding);
  const sample = reading.alternatives.flatMap((a) => a.sample.map((w) => `${w} (${a.encoding})`));
  return [
    {
      questionId: '',
      message:
        `The file's encoding could not be told for sure: it was read as ${reading.encoding} (${percent}% sure), ` +
        `but ${others.join(' or ')} would read some words differently. Check the answers and, if they are ` +
        'garbled, read the file again in the right encoding ("Read as…" in the pane, --encoding FILE=LABEL on the command line).',
      evidence: evidence(sample.join('; ')),
    },
  ];
}

export const encodingRules: Rule[] = [
  {
    code: 'encoding-uncertain',
    family: 'encoding',
    title: 'Encoding uncertain',
    defaultSeverity: 'warning',
    description:
      "A text file's code page had to be guessed and another one reads it differently nearly as well; the evidence lists words as read and as the alternative would read them.",
    runsUnlessDisabled: true,
    check: encodingUncertain,
  },
];
