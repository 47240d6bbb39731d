/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { loadQuestionnaire } from '../../core/definition';
import type { Issue, Response } from '../../core/model';
import { issueRows } from '../issue-rows';
import { IssuesReview } from './IssuesReview';

const def = loadQuestionnaire('msq-2022');
const response = {
  responseId: '7',
  sourceFile: 'reply.txt',
  country: { iso3: 'EST', name: 'Estonia' },
} as unknown as Response;
const issue: Issue = {
  responseId: '7',
  sourceFile: 'reply.txt',
  questionId: 'Q3',
  rule: 'required-missing',
  severity: 'error',
  message: 'Q3 (Title) is required but was left blank.',
  evidence: '',
  key: 'reply.txt|7|Q3|required-missing',
};

function pane(readOnly: boolean, onReview = jest.fn()) {
  render(
    <IssuesReview
      def={def}
      rows={issueRows(def, [response], [issue])}
      reviews={new Map()}
      selectedKey={issue.key}
      locationHint=""
      onSelect={() => undefined}
      onReview={onReview}
      readOnly={readOnly}
    />,
  );
  return onReview;
}

describe('reviewing an issue', () => {
  it('takes a note while the pane is idle', () => {
    const onReview = pane(false);
    fireEvent.change(screen.getByLabelText('Note'), { target: { value: 'Asked the focal point' } });
    expect(onReview).toHaveBeenCalledWith(issue.key, { review: 'Open', note: 'Asked the focal point' });
  });

  it('shows but does not edit reviews while an import or a build runs', () => {
    pane(true);
    expect(screen.getByLabelText('Note')).toHaveProperty('readOnly', true);
    expect(screen.getByRole('combobox', { name: 'Review' })).toHaveProperty('disabled', true);
  });
});
