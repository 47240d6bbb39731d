import worldCountries from 'world-countries';
import { loadQuestionnaire, simpleCondition } from '../core/definition';
import { sampleCountries, writtenNames } from './countries';
import { generateResponses } from './responses';
import { formDefinition } from '../../test/support/form';

const def = loadQuestionnaire('msq-2022');
const byId = new Map(def.questions.map((q) => [q.id, q]));
const responses = generateResponses({ count: 400, seed: 11, def });
const allText = (r: (typeof responses)[number]) =>
  Object.values(r.answers)
    .map((a) => a.text ?? '')
    .join('\n');

describe('sample countries', () => {
  it('are the 193 UN Member States', () => {
    expect(sampleCountries).toHaveLength(193);
    const members = new Set(worldCountries.filter((c) => c.unMember).map((c) => c.cca3));
    for (const c of sampleCountries) expect(members.has(c.iso3)).toBe(true);
    expect(sampleCountries.some((c) => c.iso3 === 'VAT')).toBe(false);
  });

  it('are written the ways respondents write them', () => {
    const names = (iso3: string) =>
      writtenNames(sampleCountries.find((c) => c.iso3 === iso3)!).map(([n]) => n);
    expect(names('TUR')).toEqual(expect.arrayContaining(['Türkiye', 'Turkiye', 'Turkey']));
    expect(names('VNM')).toEqual(expect.arrayContaining(['Viet Nam', 'Vietnam']));
    expect(names('CIV')).toEqual(expect.arrayContaining(["Côte d'Ivoire", "Cote d'Ivoire"]));
    expect(names('BLR')).toEqual(expect.arrayContaining(['Belarus', 'Беларусь']));
  });
});

describe('generateResponses', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateResponses({ count: 30, seed: 5, def })).toEqual(
      generateResponses({ count: 30, seed: 5, def }),
    );
    expect(generateResponses({ count: 30, seed: 6, def })).not.toEqual(
      generateResponses({ count: 30, seed: 5, def }),
    );
  });

  it('gives the requested number of responses, numbered in order of submission', () => {
    expect(responses).toHaveLength(400);
    const ids = responses.map((r) => Number(r.responseId));
    expect(new Set(ids).size).toBe(400);
    for (let i = 1; i < ids.length; i++) {
      expect(ids[i]).toBeGreaterThan(ids[i - 1]);
      expect(responses[i].completionTime >= responses[i - 1].completionTime).toBe(true);
    }
    for (const r of responses) {
      expect(r.startTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      expect(Date.parse(`${r.completionTime}Z`)).toBeGreaterThan(Date.parse(`${r.startTime}Z`));
    }
  });

  it('answers every question in the shape of its type, choices from its options', () => {
    const problems: string[] = [];
    for (const r of responses) {
      if (Object.keys(r.answers).join() !== def.questions.map((q) => q.id).join())
        problems.push(`${r.responseId}: questions`);
      for (const [id, a] of Object.entries(r.answers)) {
        const q = byId.get(id)!;
        const at = `${r.responseId} ${id}`;
        if (q.type === 'text') {
          if (typeof a.text !== 'string' || a.selected) problems.push(`${at}: not a text answer`);
          continue;
        }
        const allowed = [...(q.options ?? []), ...(q.otherOption ? [q.otherOption] : [])];
        if (!a.selected || a.selected.some((s) => !allowed.includes(s)))
          problems.push(`${at}: ${a.selected}`);
        if (q.type === 'single' && (a.selected?.length ?? 0) > 1) problems.push(`${at}: several choices`);
        if (a.other !== undefined && a.selected?.join() !== q.otherOption)
          problems.push(`${at}: other ${a.other}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('respects the branches of the form: Q15–Q18 only after Q14 = Yes, Q57 only after Q56 = Yes', () => {
    const branches = def.questions.filter((q) => q.required && q.relevant);
    expect(branches.map((q) => q.id)).toEqual(expect.arrayContaining(['Q15', 'Q16', 'Q17', 'Q18', 'Q57']));
    let skipped = 0;
    for (const r of responses)
      for (const q of branches) {
        const condition = simpleCondition(def, q)!;
        if (r.answers[condition.question].selected!.includes(condition.label!)) continue;
        skipped++;
        expect(r.answers[q.id].text ?? '').toBe('');
        expect(r.answers[q.id].selected ?? []).toEqual([]);
      }
    expect(skipped).toBeGreaterThan(50);
  });

  it('keeps Yes/No answers consistent with their follow-ups most of the time, not always', () => {
    let consistent = 0;
    let inconsistent = 0;
    for (const r of responses)
      for (const q of def.questions.filter((q) => q.relevant && !q.required && q.type === 'text')) {
        const condition = simpleCondition(def, q)!;
        const yes = r.answers[condition.question].selected!.includes(condition.label!);
        if (yes === (r.answers[q.id].text !== '')) consistent++;
        else inconsistent++;
      }
    expect(inconsistent).toBeGreaterThan(0);
    expect(consistent / (consistent + inconsistent)).toBeGreaterThan(0.8);
  });

  it('leaves some countries blank, with links under the country domain and institutions named after it', () => {
    const blank = responses.filter((r) => r.countryWritten === '');
    expect(blank.length).toBeGreaterThan(10);
    expect(blank.length).toBeLessThan(100);
    for (const r of blank) {
      const c = sampleCountries.find((x) => x.iso3 === r.countryIso3)!;
      expect(r.answers.Q1.text).toBe('');
      expect(allText(r)).toContain(`.${c.tld}`);
      if (r.answers.Q4.text && !/^[-.\w/]{1,4}$/.test(r.answers.Q4.text))
        expect(r.answers.Q4.text).toMatch(/ of /);
    }
  });

  it('writes the country many ways, and its answer in the Country name field', () => {
    const written = responses.filter((r) => r.countryWritten !== '');
    for (const r of written) expect(r.answers.Q1.text).toBe(r.countryWritten);
    const unNames = new Set(sampleCountries.map((c) => c.unName));
    expect(written.filter((r) => !unNames.has(r.countryWritten)).length).toBeGreaterThan(20);
    expect(written.some((r) => /[^ -~]/.test(r.countryWritten))).toBe(true);
  });

  it('writes multi-line answers, placeholders, invalid emails and typed "Other" periods', () => {
    const texts = responses.flatMap((r) => Object.values(r.answers).map((a) => a.text ?? ''));
    expect(texts.some((t) => /^1\. .+\n(\n)?2\. /m.test(t))).toBe(true);
    expect(texts.some((t) => /^1\. <https:\/\/[^>]+> 2\. /.test(t))).toBe(true);
    expect(texts.some((t) => /\n\n/.test(t))).toBe(true);
    const placeholders = new Set(def.placeholders);
    expect(texts.filter((t) => placeholders.has(t.toLowerCase())).length).toBeGreaterThan(20);
    const emails = responses.map((r) => r.answers.Q5.text!).filter((e) => e);
    const invalid = emails.filter((e) => !/^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$/.test(e));
    expect(invalid.length).toBeGreaterThan(10);
    expect(invalid.length).toBeLessThan(emails.length / 4);
    const others = responses.filter((r) => r.answers.Q57.other);
    expect(others.length).toBeGreaterThan(5);
    for (const r of others) expect(byId.get('Q57')!.options).not.toContain(r.answers.Q57.other);
  });

  it('adds a few resubmissions: same country, later, superseding an earlier response', () => {
    const resubmitted = responses.filter((r) => r.supersedes);
    expect(resubmitted.length).toBeGreaterThanOrEqual(5);
    expect(resubmitted.length).toBeLessThan(20);
    for (const r of resubmitted) {
      const original = responses.find((o) => o.responseId === r.supersedes)!;
      expect(original.countryIso3).toBe(r.countryIso3);
      expect(original.countryWritten).toBe(r.countryWritten);
      expect(r.completionTime > original.completionTime).toBe(true);
      expect(r.answers).not.toEqual(original.answers);
    }
  });

  it('uses each country once before repeating one, apart from resubmissions', () => {
    const small = generateResponses({ count: 150, seed: 3, def });
    const first = small.filter((r) => !r.supersedes).map((r) => r.countryIso3);
    expect(new Set(first).size).toBe(first.length);
  });
});

describe('sample responses to a questionnaire with XLSForm logic', () => {
  const form = formDefinition();
  const generated = generateResponses({ count: 120, seed: 5, def: form });

  it('keeps a required branch blank wherever its condition, by option name, is unmet', () => {
    const no = generated.filter((r) => !r.answers.has_law.selected!.includes('Yes'));
    const yes = generated.filter((r) => r.answers.has_law.selected!.includes('Yes'));
    expect(no.length).toBeGreaterThan(10);
    for (const r of no) expect(r.answers.law_details.text ?? '').toBe('');
    expect(yes.filter((r) => r.answers.law_details.text).length).toBeGreaterThan(yes.length / 2);
  });

  it('mostly leaves an optional question blank where a compound condition is unmet', () => {
    const unmet = generated.filter(
      (r) => !r.answers.modes.selected!.includes('Mobile phone data') || !r.answers.has_law.selected!.length,
    );
    expect(unmet.length).toBeGreaterThan(10);
    const blank = unmet.filter((r) => !r.answers.mobile_details.text).length;
    expect(blank / unmet.length).toBeGreaterThan(0.8);
  });

  it('writes numbers and dates for typed questions', () => {
    for (const r of generated) {
      const staff = r.answers.staff.text ?? '';
      if (staff && !form.placeholders.some((p) => p.toLowerCase() === staff.toLowerCase()))
        expect(staff).toMatch(/^\d+$/);
    }
  });
});
