import { Badge, Body1, Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { memo, useMemo, useState } from 'react';
import { countryLabel } from '../../core/compare/current';
import { responseKey, type CountrySource, type Response } from '../../core/model';
import { count } from '../plural';
import { EntryList } from './EntryList';
import { formatNames } from './ImportReport';

const useStyles = makeStyles({
  form: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'flex-end',
    flexWrap: 'wrap',
    marginBottom: tokens.spacingVerticalS,
  },
});

export interface ResponsesListProps {
  responses: Response[];
  /** Sets a response's country (a name or ISO code), kept across imports; absent: no control. */
  onSetCountry?: (responseKey: string, country: string) => void;
  disabled?: boolean;
}

type BadgeColor = 'informative' | 'warning' | 'danger' | 'subtle';

/** Where the country came from, when not from the answer. */
const SOURCE_BADGES: Partial<Record<CountrySource, [string, BadgeColor]>> = {
  analyst: ['country set', 'informative'],
  'file-name': ['country from file name', 'informative'],
  inferred: ['country inferred', 'warning'],
  unknown: ['country unknown', 'danger'],
};

/** What sets a response apart in the list: its country's source, left unsubmitted, superseded. */
function responseBadges(r: Response): [string, BadgeColor][] {
  const badges: [string, BadgeColor][] = [];
  const source = SOURCE_BADGES[r.country.source];
  if (source) badges.push(source);
  if (r.complete === false) badges.push(['not submitted', 'warning']);
  if (r.status === 'superseded') badges.push(['superseded', 'subtle']);
  return badges;
}

/** A form to set one response's country: which response, then the country. */
const CountrySetter = memo(function CountrySetter({
  responses,
  onSet,
  disabled,
}: {
  responses: Response[];
  onSet: (key: string, country: string) => void;
  disabled: boolean;
}) {
  const styles = useStyles();
  const [key, setKey] = useState('');
  const [country, setCountry] = useState('');
  const chosen = key || (responses[0] ? responseKey(responses[0]) : '');
  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen && country.trim()) onSet(chosen, country.trim());
      }}
    >
      <Field label="Response">
        <Select value={chosen} onChange={(e) => setKey(e.target.value)} disabled={disabled}>
          {responses.map((r) => (
            <option key={responseKey(r)} value={responseKey(r)}>
              {countryLabel(r.country)} · {r.sourceFile}
              {r.sourceFile.endsWith(r.responseId) ? '' : ` #${r.responseId}`}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Country (name or ISO code)">
        <Input value={country} onChange={(_, d) => setCountry(d.value)} disabled={disabled} />
      </Field>
      <Button type="submit" disabled={disabled || !country.trim()}>
        Set country
      </Button>
    </form>
  );
});

export function ResponsesList({ responses, onSetCountry, disabled = false }: ResponsesListProps) {
  const sorted = useMemo(
    () => [...responses].sort((a, b) => countryLabel(a.country).localeCompare(countryLabel(b.country))),
    [responses],
  );
  const countries = useMemo(
    () => new Set(responses.filter((r) => r.country.iso3).map((r) => r.country.iso3)).size,
    [responses],
  );
  return (
    <div>
      <Body1>
        {count(responses.length, 'response')} from {count(countries, 'country')}.
      </Body1>
      {onSetCountry && sorted.length > 0 && (
        <CountrySetter responses={sorted} onSet={onSetCountry} disabled={disabled} />
      )}
      <EntryList
        label="Responses"
        items={sorted}
        itemKey={responseKey}
        head={(r) => (
          <>
            <Body1>
              {countryLabel(r.country)}
              {r.country.iso3 ? ` (${r.country.iso3})` : ''}
            </Body1>
            {responseBadges(r).map(([text, color]) => (
              <Badge key={text} appearance="tint" color={color}>
                {text}
              </Badge>
            ))}
          </>
        )}
        detail={(r) => (
          <>
            {r.sourceFile} · {formatNames[r.format]}
            {r.sourceFile.endsWith(r.responseId) ? '' : ` · response ${r.responseId}`}
            {r.country.evidence ? ` · ${r.country.evidence}` : ''}
          </>
        )}
      />
    </div>
  );
}
