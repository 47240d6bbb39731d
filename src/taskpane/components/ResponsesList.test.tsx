/**
 * @jest-environment jsdom
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { render, screen, within } from '@testing-library/react';
import { loadQuestionnaire } from '../../core/definition';
import { completeAnswers, handBuilt } from '../../../test/support/fixtures';
import { fakeLayout } from '../../../test/support/layout';
import { ResponsesList } from './ResponsesList';

beforeAll(fakeLayout);

const def = loadQuestionnaire('msq-2022');

describe('the Responses list', () => {
  it('marks a response left before submitting, one superseded, and where a country came from', () => {
    const answers = completeAnswers(def);
    const responses = [
      handBuilt(def, answers, { responseId: '1', sourceFile: 'results.csv', complete: true }),
      handBuilt(def, answers, { responseId: '2', sourceFile: 'results.csv', complete: false }),
      handBuilt(def, answers, { responseId: '3', sourceFile: 'results.csv', status: 'superseded' }),
    ];
    responses[0].country = { ...responses[0].country, source: 'inferred' };
    render(
      <FluentProvider theme={webLightTheme}>
        <ResponsesList responses={responses} />
      </FluentProvider>,
    );
    const items = within(screen.getByRole('list', { name: 'Responses' })).getAllByRole('listitem');
    const line = (id: string) => items.find((li) => li.textContent!.includes(`response ${id}`))!.textContent;
    expect(line('1')).toMatch(/country inferred/);
    expect(line('1')).not.toMatch(/not submitted/);
    expect(line('2')).toMatch(/not submitted/);
    expect(line('3')).toMatch(/superseded/);
    expect(line('3')).not.toMatch(/not submitted|country inferred/);
  });
});
