import { loadQuestionnaire, parseDefinition, simpleCondition, yesNoParent } from '.';

describe('questionnaire definitions', () => {
  const def = loadQuestionnaire('msq-2022');

  it('holds the 112 MSQ 2022 questions in order, each in a known section', () => {
    expect(def.questions.map((q) => q.number)).toEqual(Array.from({ length: 112 }, (_, i) => i + 1));
    expect(def.sections.map((s) => s.id)).toEqual(['contact', 'A', 'B', 'C', 'D', 'E', 'F', 'G']);
  });

  it('declares the skip logic of the "If yes" follow-ups as XLSForm relevant expressions', () => {
    const byId = (id: string) => def.questions.find((q) => q.id === id)!;
    for (const id of ['Q15', 'Q16', 'Q17', 'Q18']) {
      expect(byId(id).relevant).toBe("${Q14} = 'Yes'");
      expect(simpleCondition(def, byId(id))).toEqual({ question: 'Q14', equals: 'Yes', label: 'Yes' });
    }
    expect(simpleCondition(def, byId('Q57'))?.question).toBe('Q56');
    for (let n = 75; n <= 80; n++) expect(yesNoParent(def, byId(`Q${n}`))?.id).toBe('Q74');
    expect(yesNoParent(def, byId('Q57'))).toBeUndefined();
  });

  it('rejects a definition whose skip logic names a missing question', () => {
    const broken = {
      ...def,
      questions: [{ ...def.questions[0], relevant: "${Q999} = 'Yes'" }],
    };
    expect(() => parseDefinition(broken)).toThrow(/unknown question Q999/);
  });

  it('reads the earlier {question, equals} form of relevant as its expression', () => {
    const legacy = parseDefinition({
      ...def,
      questions: def.questions.map((q) =>
        q.id === 'Q15'
          ? { ...q, relevant: { question: 'Q14', equals: 'Yes' } }
          : q.id === 'Q16'
            ? { ...q, relevant: { question: 'Q14', equals: "Don't know" } }
            : q,
      ),
    });
    expect(legacy.questions[14].relevant).toBe("${Q14} = 'Yes'");
    expect(legacy.questions[15].relevant).toBe('${Q14} = "Don\'t know"');
    expect(legacy.questions[16].relevant).toBe("${Q14} = 'Yes'");
    expect(legacy.questions[0].relevant).toBeUndefined();
  });

  it('rejects a definition with an unreadable expression, naming the question', () => {
    const broken = { ...def, questions: [{ ...def.questions[0], constraint: ". > 'x" }] };
    expect(() => parseDefinition(broken)).toThrow(
      /Q1: its constraint expression .* cannot be read: a string is not closed/,
    );
  });

  it('rejects a choice question without options', () => {
    const broken = { ...def, questions: [{ ...def.questions[13], options: [] }] };
    expect(() => parseDefinition(broken)).toThrow();
  });
});
