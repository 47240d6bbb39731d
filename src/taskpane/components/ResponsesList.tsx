import { Badge, Body1 } from '@fluentui/react-components';
import { countryLabel } from '../../core/compare/current';
import type { Response } from '../../core/model';
import { EntryList } from './EntryList';
import { formatNames } from './ImportReport';

export function ResponsesList({ responses }: { responses: Response[] }) {
  const sorted = [...responses].sort((a, b) =>
    countryLabel(a.country).localeCompare(countryLabel(b.country)),
  );
  const countries = new Set(responses.filter((r) => r.country.iso3).map((r) => r.country.iso3));
  return (
    <div>
      <Body1>
        {responses.length} response{responses.length === 1 ? '' : 's'} from {countries.size} countr
        {countries.size === 1 ? 'y' : 'ies'}.
      </Body1>
      <EntryList
        label="Responses"
        entries={sorted.map((r) => ({
          key: `${r.sourceFile}/${r.responseId}`,
          head: (
            <>
              <Body1>
                {countryLabel(r.country)}
                {r.country.iso3 ? ` (${r.country.iso3})` : ''}
              </Body1>
              {r.country.source === 'inferred' && (
                <Badge appearance="tint" color="warning">
                  country inferred
                </Badge>
              )}
              {r.country.source === 'unknown' && (
                <Badge appearance="tint" color="danger">
                  country unknown
                </Badge>
              )}
              {r.status === 'superseded' && (
                <Badge appearance="tint" color="subtle">
                  superseded
                </Badge>
              )}
            </>
          ),
          detail: (
            <>
              {r.sourceFile} · {formatNames[r.format]}
              {r.sourceFile.endsWith(r.responseId) ? '' : ` · response ${r.responseId}`}
              {r.country.evidence ? ` · ${r.country.evidence}` : ''}
            </>
          ),
        }))}
      />
    </div>
  );
}
