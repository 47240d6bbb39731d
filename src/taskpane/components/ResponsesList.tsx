import { Badge, Body1, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { countryLabel } from '../../core/compare/current';
import type { Response } from '../../core/model';
import { formatNames } from './ImportReport';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  item: { display: 'flex', flexDirection: 'column', gap: '2px', overflowWrap: 'anywhere' },
  head: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

export function ResponsesList({ responses }: { responses: Response[] }) {
  const styles = useStyles();
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
      <ul className={styles.list} aria-label="Responses">
        {sorted.map((r) => (
          <li key={`${r.sourceFile}/${r.responseId}`} className={styles.item}>
            <span className={styles.head}>
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
            </span>
            <Caption1>
              {r.sourceFile} · {formatNames[r.format]}
              {r.sourceFile.endsWith(r.responseId) ? '' : ` · response ${r.responseId}`}
              {r.country.evidence ? ` · ${r.country.evidence}` : ''}
            </Caption1>
          </li>
        ))}
      </ul>
    </div>
  );
}
