/**
 * The legacy code pages a text file may arrive in, and which of them a country's offices use. A file
 * that is not Unicode is read in the code page whose decoding reads most like text; where several read
 * equally well (Czech "České" in windows-1250 is "Èeské" in windows-1252, both plausible words), the
 * country the response names decides.
 */

/** Single-byte pages: every byte is one character, so each decodes any file. */
export const SINGLE_BYTE_PAGES = [
  'windows-1252',
  'windows-1250',
  'iso-8859-2',
  'windows-1251',
  'koi8-r',
  'koi8-u',
  'windows-1253',
  'iso-8859-7',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'windows-1257',
  'windows-1258',
  'windows-874',
] as const;

/** Multi-byte pages turn any byte soup into ideographs, so they are tried only on evidence. */
export const MULTI_BYTE_PAGES = ['gb18030', 'big5', 'shift_jis', 'euc-jp', 'euc-kr'] as const;

/** The default where nothing tells the pages apart: Western European, the most common. */
export const DEFAULT_PAGE = 'windows-1252';

const LANGUAGE_PAGES: [pages: string[], countries: string][] = [
  // Central European (Latin 2)
  [['windows-1250', 'iso-8859-2'], 'ALB BIH CZE HRV HUN MNE POL ROU SRB SVK SVN'],
  // Cyrillic
  [['windows-1251', 'koi8-r'], 'BGR BLR KAZ KGZ MKD MNG RUS SRB TJK UZB'],
  [['windows-1251', 'koi8-u'], 'UKR'],
  [['windows-1253', 'iso-8859-7'], 'CYP GRC'],
  [['windows-1254'], 'AZE TUR'],
  [['windows-1255'], 'ISR'],
  [
    ['windows-1256'],
    'AFG ARE BHR COM DJI DZA EGY IRN IRQ JOR KWT LBN LBY MAR MRT OMN PAK QAT SAU SDN SOM SYR TUN YEM',
  ],
  [['windows-1257'], 'EST LTU LVA'],
  [['windows-1258'], 'VNM'],
  [['windows-874'], 'THA'],
  [['gb18030'], 'CHN SGP'],
  [['shift_jis', 'euc-jp'], 'JPN'],
  [['euc-kr'], 'KOR PRK'],
];

const PAGES_BY_COUNTRY = new Map<string, string[]>();
for (const [pages, countries] of LANGUAGE_PAGES)
  for (const iso3 of countries.split(' '))
    PAGES_BY_COUNTRY.set(iso3, [...(PAGES_BY_COUNTRY.get(iso3) ?? []), ...pages]);

/** The code pages a country's offices are likely to save text in; windows-1252 for the rest. */
export function codePagesOf(iso3: string): string[] {
  return PAGES_BY_COUNTRY.get(iso3.toUpperCase()) ?? [DEFAULT_PAGE];
}

/** The encodings an analyst may choose to read a file in, with what each is for. */
export const ENCODING_CHOICES: { encoding: string; name: string }[] = [
  { encoding: 'utf-8', name: 'Unicode (UTF-8)' },
  { encoding: 'utf-16le', name: 'Unicode (UTF-16 LE)' },
  { encoding: 'utf-16be', name: 'Unicode (UTF-16 BE)' },
  { encoding: 'windows-1252', name: 'Western European' },
  { encoding: 'windows-1250', name: 'Central European' },
  { encoding: 'iso-8859-2', name: 'Central European (ISO)' },
  { encoding: 'windows-1251', name: 'Cyrillic' },
  { encoding: 'koi8-r', name: 'Cyrillic (KOI8-R)' },
  { encoding: 'koi8-u', name: 'Cyrillic (KOI8-U)' },
  { encoding: 'windows-1253', name: 'Greek' },
  { encoding: 'iso-8859-7', name: 'Greek (ISO)' },
  { encoding: 'windows-1254', name: 'Turkish' },
  { encoding: 'windows-1255', name: 'Hebrew' },
  { encoding: 'windows-1256', name: 'Arabic' },
  { encoding: 'windows-1257', name: 'Baltic' },
  { encoding: 'windows-1258', name: 'Vietnamese' },
  { encoding: 'windows-874', name: 'Thai' },
  { encoding: 'gb18030', name: 'Chinese Simplified' },
  { encoding: 'big5', name: 'Chinese Traditional' },
  { encoding: 'shift_jis', name: 'Japanese (Shift_JIS)' },
  { encoding: 'euc-jp', name: 'Japanese (EUC-JP)' },
  { encoding: 'euc-kr', name: 'Korean' },
];
