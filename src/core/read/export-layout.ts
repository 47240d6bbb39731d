import type { ExportCell } from './export';

/** The survey tools whose one-row-per-response exports are recognised. */
export type ExportTool =
  'forms' | 'google-forms' | 'limesurvey' | 'qualtrics' | 'surveymonkey' | 'kobo' | 'eusurvey' | 'table';

/** What a metadata column says about a response. `other` columns are recognised and left aside. */
export type MetaField =
  | 'id'
  | 'start'
  | 'completion'
  | 'email'
  | 'name'
  | 'modified'
  | 'submitted'
  | 'finished'
  | 'progress'
  | 'other';

/**
 * The metadata columns each tool writes, in every language seen in its exports, in one table. Names
 * compare on letters and digits only (see `metaKey`). A tool is recognised when enough of its own
 * names head the table; Forms' names are also those of the plain Forms layout the matcher aligns.
 */
export const TOOL_METADATA: Record<ExportTool, [MetaField, string[]][]> = {
  forms: [
    ['id', ['ID', 'Response ID', 'Identificador', 'Kennung']],
    [
      'start',
      [
        'Start time',
        'Start date',
        'Heure de début',
        'Hora de inicio',
        'Startzeit',
        'Hora de início',
        'Ora di inizio',
        'Begintijd',
        'Время начала',
        'Czas rozpoczęcia',
        'Başlangıç saati',
        '開始時刻',
        '开始时间',
      ],
    ],
    [
      'completion',
      [
        'Completion time',
        'Completion date',
        'End time',
        'Heure de fin',
        'Hora de finalización',
        'Fertigstellungszeit',
        'Abschlusszeit',
        'Hora de conclusão',
        'Ora di completamento',
        'Voltooiingstijd',
        'Время завершения',
        'Czas ukończenia',
        'Tamamlanma saati',
        '完了時刻',
        '完成时间',
      ],
    ],
    [
      'email',
      [
        'Email',
        'E-mail',
        'Email address',
        'Adresse de messagerie',
        'Adresse e-mail',
        'Correo electrónico',
        'E-Mail',
        'Email',
        'Posta elettronica',
        'Электронная почта',
        'Adres e-mail',
        'E-posta',
        '電子メール',
        '电子邮件',
      ],
    ],
    ['name', ['Name', 'Nom', 'Nombre', 'Nome', 'Naam', 'Имя', 'Imię i nazwisko', 'Ad', '名前', '姓名']],
    [
      'modified',
      [
        'Last modified time',
        'Heure de la dernière modification',
        'Hora de la última modificación',
        'Uhrzeit der letzten Änderung',
        'Zeitpunkt der letzten Änderung',
        'Hora da última modificação',
        'Ora dell’ultima modifica',
        'Tijdstip van laatste wijziging',
        'Letzte Änderungszeit',
        "Ora dell'ultima modifica",
        'Время последнего изменения',
      ],
    ],
  ],
  'google-forms': [
    [
      'completion',
      [
        'Timestamp',
        'Horodateur',
        'Marca temporal',
        'Zeitstempel',
        'Carimbo de data/hora',
        'Informazioni cronologiche',
        'Tijdstempel',
        'Отметка времени',
        'Sygnatura czasowa',
        'Zaman damgası',
        'タイムスタンプ',
        '时间戳记',
      ],
    ],
    [
      'email',
      [
        'Email Address',
        'Adresse e-mail',
        'Dirección de correo electrónico',
        'E-Mail-Adresse',
        'Endereço de e-mail',
        'Indirizzo email',
        'E-mailadres',
        'Адрес электронной почты',
        'Adres e-mail',
      ],
    ],
    ['other', ['Score', 'Puntuación', 'Note', 'Punktzahl', 'Pontuação', 'Punteggio']],
  ],
  limesurvey: [
    ['id', ['Response ID', 'id', 'ID de la réponse', 'ID de respuesta', 'Antwort ID', 'ID da resposta']],
    [
      'submitted',
      [
        'Date submitted',
        'submitdate',
        'Date de soumission',
        'Fecha de envío',
        'Datum Abgeschickt',
        'Data de envio',
      ],
    ],
    ['other', ['Last page', 'lastpage', 'Dernière page', 'Última página', 'Letzte Seite']],
    ['other', ['Start language', 'startlanguage', 'Langue de départ', 'Idioma inicial', 'Start-Sprache']],
    ['other', ['Seed', 'seed', 'Graine', 'Semilla']],
    ['start', ['Date started', 'startdate', 'Date de début', 'Fecha de inicio', 'Datum gestartet']],
    [
      'completion',
      [
        'Date last action',
        'datestamp',
        'Date de la dernière action',
        'Fecha de la última acción',
        'Datum letzte Aktivität',
      ],
    ],
    ['other', ['IP address', 'ipaddr', 'Adresse IP', 'Dirección IP', 'IP-Adresse']],
    ['other', ['Referrer URL', 'refurl', 'URL de provenance', 'URL de referencia']],
    ['other', ['Token', 'token']],
  ],
  qualtrics: [
    ['start', ['StartDate', 'Start Date']],
    ['completion', ['EndDate', 'End Date']],
    ['other', ['Status', 'Response Type']],
    ['other', ['IPAddress', 'IP Address']],
    ['progress', ['Progress']],
    ['other', ['Duration (in seconds)']],
    ['finished', ['Finished']],
    ['other', ['RecordedDate', 'Recorded Date']],
    ['id', ['ResponseId', 'ResponseID', 'Response ID']],
    ['other', ['RecipientLastName', 'Recipient Last Name']],
    ['other', ['RecipientFirstName', 'Recipient First Name']],
    ['email', ['RecipientEmail', 'Recipient Email']],
    ['other', ['ExternalReference', 'ExternalDataReference', 'External Data Reference']],
    ['other', ['LocationLatitude', 'Location Latitude']],
    ['other', ['LocationLongitude', 'Location Longitude']],
    ['other', ['DistributionChannel', 'Distribution Channel']],
    ['other', ['UserLanguage', 'User Language', 'Q_Language']],
  ],
  surveymonkey: [
    ['id', ['Respondent ID', 'ID du répondant', 'ID del encuestado', 'Teilnehmer-ID', 'ID do respondente']],
    ['other', ['Collector ID', 'ID du collecteur', 'ID del recopilador', 'Collector-ID', 'ID do coletor']],
    ['start', ['Start Date', 'Date de début', 'Fecha de inicio', 'Startdatum', 'Data de início']],
    ['completion', ['End Date', 'Date de fin', 'Fecha de finalización', 'Enddatum', 'Data de término']],
    ['other', ['IP Address', 'Adresse IP', 'Dirección IP', 'IP-Adresse', 'Endereço IP']],
    [
      'email',
      [
        'Email Address',
        'Adresse e-mail',
        'Dirección de correo electrónico',
        'E-Mail-Adresse',
        'Endereço de e-mail',
      ],
    ],
    ['name', ['First Name', 'Prénom', 'Nombre', 'Vorname', 'Nome']],
    ['other', ['Last Name', 'Nom', 'Apellido', 'Nachname', 'Sobrenome']],
    [
      'other',
      [
        'Custom Data 1',
        'Custom Data',
        'Données personnalisées 1',
        'Datos personalizados 1',
        'Benutzerdefinierte Daten 1',
      ],
    ],
  ],
  kobo: [
    ['start', ['start']],
    ['completion', ['end']],
    [
      'other',
      [
        'today',
        'deviceid',
        'username',
        'simserial',
        'subscriberid',
        'phonenumber',
        'audit',
        'meta/instanceID',
      ],
    ],
    ['id', ['_id']],
    [
      'other',
      [
        '_uuid',
        '_submission_time',
        '_validation_status',
        '_notes',
        '_status',
        '_submitted_by',
        '__version__',
        '_tags',
        '_index',
        '_xform_id_string',
        '_attachments',
        '_geolocation',
        '_parent_index',
      ],
    ],
  ],
  eusurvey: [
    ['id', ['Contribution ID', 'ID de contribution', 'ID de la contribución', 'Beitrags-ID']],
    ['name', ['User name', 'Nom d’utilisateur', "Nom d'utilisateur", 'Nombre de usuario', 'Benutzername']],
    ['other', ['Invitation number', 'Languages', 'Langues', 'Idiomas', 'Sprachen']],
    ['start', ['Creation date', 'Date de création', 'Fecha de creación', 'Erstellungsdatum']],
    [
      'completion',
      [
        'Last update date',
        'Date de dernière mise à jour',
        'Fecha de la última actualización',
        'Datum der letzten Aktualisierung',
      ],
    ],
  ],
  table: [],
};

/** No metadata name is longer: longer headers are questions, and are not looked up. */
const MAX_META_NAME = 60;

/** Metadata names compare without case, accents kept, on letters and digits (`_id` keeps its `_`). */
export function metaKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[^\p{L}\p{N}_/']+/gu, ' ')
    .trim();
}

const META_INDEX: Map<ExportTool, Map<string, MetaField>> = new Map(
  (Object.keys(TOOL_METADATA) as ExportTool[]).map((tool) => [
    tool,
    new Map(TOOL_METADATA[tool].flatMap(([field, names]) => names.map((n) => [metaKey(n), field] as const))),
  ]),
);

/** The metadata field a header names for a tool, if it is one of the tool's names. */
export function metaFieldOf(tool: ExportTool, header: string): MetaField | undefined {
  if (header.length > MAX_META_NAME) return undefined;
  return META_INDEX.get(tool)?.get(metaKey(header));
}

/** Which part of a question a column holds. */
export type ColumnPart =
  /** The answer: text, a choice, or choices joined by the layout's separator. */
  | { kind: 'value' }
  /** One option of a multiple choice: chosen when the cell says so (Yes, 1, the label). */
  | { kind: 'option'; option: string }
  /** The typed text of the "Other" option. */
  | { kind: 'other' };

export interface LayoutQuestion {
  /** The question text the export heads it with (a name where the export gives only names). */
  header: string;
  /** The tool's short name of the question (Qualtrics `Q1`, Kobo `has_law`). */
  name?: string;
  /** The group the tool files the question under (Kobo `sec_b`). */
  group?: string;
  columns: { index: number; part: ColumnPart }[];
}

export interface ExportLayout {
  tool: ExportTool;
  /** The index of the (last) header row; data start on the next row. */
  headerAt: number;
  meta: { field: MetaField; index: number; header: string }[];
  questions: LayoutQuestion[];
  /** How a value cell joins several choices; `null` where choices come as labels the reader must find. */
  separator: string;
  /** Whether option values are stored names (Kobo "XML values") rather than labels. */
  namedValues: boolean;
  /** Days before months in this file's numeric dates, where the export's language says so. */
  dayFirst?: boolean;
}

const text = (cell: ExportCell): string =>
  cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString() : String(cell).trim();

/** How many rows from the top may hold a title or notes above the header (EUSurvey writes a few). */
const MAX_PREAMBLE_ROWS = 20;

/** Words SurveyMonkey writes in its second header row over a question's answer column. */
const MONKEY_RESPONSE = new Set(
  [
    'Response',
    'Open-Ended Response',
    'Réponse',
    'Réponse ouverte',
    'Respuesta',
    'Respuesta abierta',
    'Antwort',
    'Offene Antwort',
    'Resposta',
    'Resposta aberta',
    'Risposta',
    'Risposta aperta',
  ].map(metaKey),
);

/** "Other (please specify)" and its translations: the column of an "Other" typed text. */
const OTHER_SPECIFY =
  /^(other|autre|otro|otra|andere|anderes|outro|outra|altro|altra|overig|inne|diğer|другое)\b.*(specify|précise|especifi|angeben|specific|specifica|geef|określ|belirt|укаж)|^if other\b|^si autre\b|^si otro\b|^falls andere\b|^se outro\b|^other\s*[-:]?\s*text$|^other$/i;

/** Kobo's and LimeSurvey's values that mean an option was ticked or not. */
const CHOSEN = new Set(['yes', '1', 'true', 'y', 'oui', 'sí', 'si', 'ja', 'sim', 'да', 'x', 'selected']);

export function isChosen(cell: string, option: string): boolean {
  const v = cell.trim();
  if (!v) return false;
  return CHOSEN.has(v.toLowerCase()) || v === option;
}

/** Values of an option column that say the option was not ticked (or not reached). */
const NOT_CHOSEN = new Set([
  'no',
  '0',
  'false',
  'n',
  'n/a',
  'non',
  'nein',
  'não',
  'nao',
  'нет',
  'not selected',
]);

/**
 * A question whose option columns hold other values than ticks (a rating per row of a LimeSurvey
 * array or a SurveyMonkey matrix) is one question per row: `Question [Row]` / `Question - Row`.
 */
function splitArrays(
  questions: LayoutQuestion[],
  rows: ExportCell[][],
  headerAt: number,
  joiner: string,
): LayoutQuestion[] {
  const data = rows.slice(headerAt + 1, headerAt + 201);
  return questions.flatMap((q) => {
    const options = q.columns.filter((c) => c.part.kind === 'option');
    if (!options.length || q.columns.some((c) => c.part.kind === 'value')) return [q];
    const ticks = options.every((c) =>
      data.every((r) => {
        const v = text(r[c.index]);
        return !v || isChosen(v, (c.part as { option: string }).option) || NOT_CHOSEN.has(v.toLowerCase());
      }),
    );
    if (ticks) return [q];
    const label = (c: (typeof options)[number]) => (c.part as { option: string }).option;
    const header = (c: (typeof options)[number]) =>
      joiner === ' ' ? `${q.header} [${label(c)}]` : `${q.header}${joiner}${label(c)}`;
    return options.map((c) => ({
      header: header(c),
      columns: [{ index: c.index, part: { kind: 'value' } }],
    }));
  });
}

/** The header row: the first row, below any title rows, that names metadata or most of the columns. */
function findHeader(rows: ExportCell[][]): number {
  const limit = Math.min(rows.length, MAX_PREAMBLE_ROWS);
  const widths = rows.slice(0, limit).map((r) => r.filter((c) => text(c) !== '').length);
  const widest = Math.max(0, ...widths);
  for (let i = 0; i < limit; i++) {
    const cells = rows[i].map(text);
    const meta = cells.filter((c) => c && knownMetaTools(c).length > 0).length;
    if (meta >= 2 && widths[i] >= widest / 2) return i;
  }
  // No metadata: the first row at least half as wide as the widest of the top rows.
  const first = widths.findIndex((w) => w >= 2 && w >= widest / 2);
  return first < 0 ? 0 : first;
}

const toolsByHeader = new Map<string, ExportTool[]>();

function knownMetaTools(header: string): ExportTool[] {
  if (header.length > MAX_META_NAME) return [];
  let tools = toolsByHeader.get(header);
  if (!tools) {
    const key = metaKey(header);
    tools = [...META_INDEX].filter(([, names]) => names.has(key)).map(([tool]) => tool);
    if (toolsByHeader.size > 10000) toolsByHeader.clear();
    toolsByHeader.set(header, tools);
  }
  return tools;
}

/** Which tool wrote the table, from its metadata names and header rows. */
function recogniseTool(rows: ExportCell[][], headerAt: number): ExportTool {
  const header = rows[headerAt].map(text);
  const next = (rows[headerAt + 1] ?? []).map(text);
  const third = (rows[headerAt + 2] ?? []).map(text);
  if (
    third.some((c) => /^\{\s*"ImportId"/.test(c)) ||
    (header.some((h) => /^ResponseI[dD]$/.test(h)) && header.includes('Finished'))
  )
    return 'qualtrics';
  if (next.some((c) => c.length <= MAX_META_NAME && MONKEY_RESPONSE.has(metaKey(c)))) return 'surveymonkey';
  if (header.includes('_id') || header.includes('_uuid') || header.includes('_submission_time'))
    return 'kobo';
  const counts = new Map<ExportTool, number>();
  for (const h of header) for (const tool of knownMetaTools(h)) counts.set(tool, (counts.get(tool) ?? 0) + 1);
  // Forms' names are the most generic ("ID", "Name"): another tool wins when it names as many columns.
  const order: ExportTool[] = ['limesurvey', 'eusurvey', 'google-forms', 'forms'];
  let best: ExportTool = 'table';
  let bestCount = 0;
  for (const tool of order) {
    const n = counts.get(tool) ?? 0;
    if (n >= 2 && n > bestCount) [best, bestCount] = [tool, n];
  }
  if (best === 'table' && (counts.get('google-forms') ?? 0) >= 1 && metaKey(header[0] ?? '') === 'timestamp')
    return 'google-forms';
  return best;
}

/** Where a header's metadata columns lie: the leading and trailing runs of the tool's names. */
function metadataColumns(tool: ExportTool, header: string[]): ExportLayout['meta'] {
  const meta: ExportLayout['meta'] = [];
  const used = new Set<string>();
  const take = (i: number) => {
    const field = metaFieldOf(tool, header[i]);
    if (!field) return false;
    const key = metaKey(header[i]);
    if (used.has(key)) return false;
    used.add(key);
    meta.push({ field, index: i, header: header[i] });
    return true;
  };
  let i = 0;
  while (
    i < header.length &&
    (take(i) || (tool !== 'forms' && tool !== 'table' && header[i] === '' && i < 30))
  )
    i++;
  for (let j = header.length - 1; j > i && take(j); j--);
  return meta.sort((a, b) => a.index - b.index);
}

/**
 * Recognises the layout of an export's rows: which tool wrote it, where its header is, which columns
 * are metadata, and how its questions spread over the other columns.
 */
export function recogniseLayout(rows: ExportCell[][]): ExportLayout | undefined {
  // One table is recognised once: deriving a definition and reading the table share the layout.
  if (layouts.has(rows)) return layouts.get(rows);
  const layout = recognise(rows);
  layouts.set(rows, layout);
  return layout;
}

const layouts = new WeakMap<ExportCell[][], ExportLayout | undefined>();

function recognise(rows: ExportCell[][]): ExportLayout | undefined {
  if (!rows.some((r) => r.some((c) => text(c) !== ''))) return undefined;
  const firstRow = findHeader(rows);
  const header = Array.from(rows[firstRow], (c) => text(c));
  const formsByShape = formsMetadataByShape(rows, firstRow, header);
  const tool = formsByShape ? 'forms' : recogniseTool(rows, firstRow);
  const meta = formsByShape ?? metadataColumns(tool, header);
  const isMeta = new Set(meta.map((m) => m.index));
  const base = { tool, meta, namedValues: false };
  switch (tool) {
    case 'qualtrics':
      return { ...base, ...qualtricsQuestions(rows, firstRow, isMeta), separator: ',' };
    case 'surveymonkey':
      return {
        ...base,
        headerAt: firstRow + 1,
        questions: splitArrays(monkeyQuestions(rows, firstRow, isMeta), rows, firstRow + 1, ' - '),
        separator: ';',
      };
    case 'kobo': {
      const questions = koboQuestions(header, isMeta);
      const named =
        questions.some((q) => q.group !== undefined || /^[a-z_][\w.-]*$/i.test(q.header)) &&
        questions.every((q) => q.name !== undefined);
      return { ...base, headerAt: firstRow, questions, separator: ' ', namedValues: named };
    }
    case 'limesurvey':
      return {
        ...base,
        headerAt: firstRow,
        questions: splitArrays(bracketQuestions(header, isMeta), rows, firstRow, ' '),
        separator: ';',
      };
    case 'google-forms':
      return { ...base, headerAt: firstRow, questions: plainQuestions(header, isMeta), separator: ', ' };
    default:
      return {
        ...base,
        headerAt: firstRow,
        questions: plainQuestions(header, isMeta),
        separator: ';',
        ...formsDateOrder(meta),
      };
  }
}

const TIMESTAMP = /^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[ ,T]+\d{1,2}:\d{2}/;

/**
 * Microsoft Forms' metadata in a language the table of names lacks: `ID`, then two columns of
 * timestamps (start, completion), an email column (`anonymous` or addresses), a name, and an
 * optional column of timestamps or blanks (last modified).
 */
function formsMetadataByShape(
  rows: ExportCell[][],
  at: number,
  header: string[],
): ExportLayout['meta'] | undefined {
  if (metaKey(header[0] ?? '') !== 'id' || metaFieldOf('forms', header[1] ?? '')) return undefined;
  const data = rows.slice(at + 1, at + 41).filter((r) => r.some((c) => text(c) !== ''));
  if (!data.length) return undefined;
  const all = (i: number, test: (c: ExportCell) => boolean) => data.every((r) => test(r[i]));
  const isTime = (c: ExportCell) => c instanceof Date || TIMESTAMP.test(text(c));
  if (!all(1, isTime) || !all(2, isTime)) return undefined;
  const meta: ExportLayout['meta'] = [
    { field: 'id', index: 0, header: header[0] },
    { field: 'start', index: 1, header: header[1] },
    { field: 'completion', index: 2, header: header[2] },
  ];
  if (
    !all(3, (c) => /^(anonymous|anonyme|anónimo|anonym|anonimo|[^@\s]+@[^@\s]+)$/i.test(text(c)) || !text(c))
  )
    return meta;
  meta.push({ field: 'email', index: 3, header: header[3] });
  if ((header[4] ?? '').length > 20) return meta;
  meta.push({ field: 'name', index: 4, header: header[4] });
  if ((header[5] ?? '').length <= 40 && all(5, (c) => !text(c) || isTime(c)))
    meta.push({ field: 'modified', index: 5, header: header[5] });
  return meta;
}

/** Localised Forms metadata says how the file writes dates: English (US) month first, others day first. */
function formsDateOrder(meta: ExportLayout['meta']): { dayFirst?: boolean } {
  const start = meta.find((m) => m.field === 'start' || m.field === 'completion');
  if (!start) return {};
  return { dayFirst: !/^(start|completion|end) (time|date)$/i.test(start.header.trim()) };
}

function plainQuestions(header: string[], isMeta: Set<number>): LayoutQuestion[] {
  const questions: LayoutQuestion[] = [];
  header.forEach((h, index) => {
    if (isMeta.has(index) || !h) return;
    questions.push({ header: h, columns: [{ index, part: { kind: 'value' } }] });
  });
  return attachOtherColumns(questions);
}

/** A column headed "Other (please specify)" / "If other, please specify" holds the previous question's "Other". */
function attachOtherColumns(questions: LayoutQuestion[]): LayoutQuestion[] {
  const out: LayoutQuestion[] = [];
  for (const q of questions) {
    const prev = out[out.length - 1];
    const own = q.name ?? '';
    const isOther =
      OTHER_SPECIFY.test(q.header) || (prev?.name !== undefined && own === `${prev.name}_other`);
    if (prev && isOther && q.columns.length === 1 && !prev.columns.some((c) => c.part.kind === 'other'))
      prev.columns.push({ index: q.columns[0].index, part: { kind: 'other' } });
    else out.push(q);
  }
  return out;
}

/** LimeSurvey: `Question [Option]` columns of one question, `Question [Other]` its typed text. */
function bracketQuestions(header: string[], isMeta: Set<number>): LayoutQuestion[] {
  const questions: LayoutQuestion[] = [];
  const byBase = new Map<string, LayoutQuestion>();
  const bases = new Map<string, number>();
  for (const h of header) {
    const m = /^(.*\S)\s*\[([^\]]+)\]$/s.exec(h);
    if (m) bases.set(m[1], (bases.get(m[1]) ?? 0) + 1);
  }
  header.forEach((h, index) => {
    if (isMeta.has(index) || !h) return;
    const m = /^(.*\S)\s*\[([^\]]+)\]$/s.exec(h);
    const base = m?.[1];
    const isOther = m !== null && /^(other|autre|otro|andere|outro|altro|sonstiges)$/i.test(m[2].trim());
    // Beside a question's own answer column, only "[Other]" belongs to it ("[Comment]" is a question).
    const hasValue = byBase.get(base ?? '')?.columns.some((c) => c.part.kind === 'value') ?? false;
    if (m && base && (isOther || (!hasValue && (bases.get(base)! >= 2 || byBase.has(base))))) {
      let q = byBase.get(base);
      if (!q) {
        q = { header: base, columns: [] };
        byBase.set(base, q);
        questions.push(q);
      }
      q.columns.push({ index, part: isOther ? { kind: 'other' } : { kind: 'option', option: m[2].trim() } });
      return;
    }
    const q: LayoutQuestion = { header: h, columns: [{ index, part: { kind: 'value' } }] };
    byBase.set(h, q);
    questions.push(q);
  });
  return questions;
}

/** Qualtrics: names in the first header row, texts in the second, ImportIds in the third. */
function qualtricsQuestions(
  rows: ExportCell[][],
  at: number,
  isMeta: Set<number>,
): { headerAt: number; questions: LayoutQuestion[] } {
  const names = rows[at].map(text);
  const hasTexts = !(rows[at + 1] ?? []).map(text).some((c) => /^\{\s*"ImportId"/.test(c));
  const texts = hasTexts ? (rows[at + 1] ?? []).map(text) : names;
  const hasImport = (rows[at + 2] ?? []).map(text).some((c) => /^\{\s*"ImportId"/.test(c)) || !hasTexts;
  const headerAt = at + (hasTexts ? 1 : 0) + (hasImport ? 1 : 0);
  const questions: LayoutQuestion[] = [];
  const byName = new Map<string, LayoutQuestion>();
  names.forEach((name, index) => {
    if (isMeta.has(index) || !name) return;
    const full = texts[index] || name;
    const other =
      /\s-\s(Other|Autre|Otro|Andere|Outro|Altro)[^-]*-\s*Text$/i.test(full) || /_\d+_TEXT$/.test(name);
    const baseName = name.replace(/_\d+_TEXT$/, '').replace(/_TEXT$/, '');
    const baseText = full.replace(/\s-\s(Selected Choice|Other.*- Text|.*- Text)$/i, '').trim();
    const q = byName.get(baseName);
    if (other && q) {
      q.columns.push({ index, part: { kind: 'other' } });
      return;
    }
    const created: LayoutQuestion = {
      header: baseText,
      name: baseName,
      columns: [{ index, part: { kind: 'value' } }],
    };
    byName.set(baseName, created);
    questions.push(created);
  });
  return { headerAt, questions };
}

/** SurveyMonkey: the question over its first column; the second row names each column's part. */
function monkeyQuestions(rows: ExportCell[][], at: number, isMeta: Set<number>): LayoutQuestion[] {
  const top = rows[at].map(text);
  const sub = (rows[at + 1] ?? []).map(text);
  const width = Math.max(top.length, sub.length);
  const questions: LayoutQuestion[] = [];
  let current: LayoutQuestion | undefined;
  for (let index = 0; index < width; index++) {
    if (isMeta.has(index)) continue;
    const head = top[index] ?? '';
    const part = sub[index] ?? '';
    if (head) {
      current = { header: head, columns: [] };
      questions.push(current);
    }
    if (!current || (!head && !part)) continue;
    if (MONKEY_RESPONSE.has(metaKey(part)) || (!part && head))
      current.columns.push({ index, part: { kind: 'value' } });
    else if (OTHER_SPECIFY.test(part)) current.columns.push({ index, part: { kind: 'other' } });
    else current.columns.push({ index, part: { kind: 'option', option: part } });
  }
  return questions;
}

/** Kobo: `group/name` headers (XML names) or labels; `label/option` columns of a multiple choice. */
function koboQuestions(header: string[], isMeta: Set<number>): LayoutQuestion[] {
  const questions: LayoutQuestion[] = [];
  const byHeader = new Map<string, LayoutQuestion>();
  const named = header.filter((h, i) => !isMeta.has(i) && h).every((h) => /^[A-Za-z_][\w./-]*$/.test(h));
  header.forEach((h, index) => {
    if (isMeta.has(index) || !h) return;
    const slash = h.lastIndexOf('/');
    const owner = slash > 0 ? byHeader.get(h.slice(0, slash)) : undefined;
    if (owner) {
      owner.columns.push({ index, part: { kind: 'option', option: h.slice(slash + 1) } });
      return;
    }
    const q: LayoutQuestion = { header: h, columns: [{ index, part: { kind: 'value' } }] };
    if (named) {
      const path = h.split('/');
      q.name = path[path.length - 1];
      if (path.length > 1) q.group = path.slice(0, -1).join('/');
    }
    byHeader.set(h, q);
    questions.push(q);
  });
  if (!named) labelGroups(questions);
  return attachOtherColumns(questions);
}

/**
 * Kobo's labels export may head a question with its group's label: `A. Respondent information/Name
 * of your country`. A leading label shared by several headers is the group, not part of the question.
 */
function labelGroups(questions: LayoutQuestion[]): void {
  const prefix = (h: string) => (h.includes('/') ? h.slice(0, h.indexOf('/')) : undefined);
  const shared = counts(questions.map((q) => prefix(q.header)).filter((p): p is string => p !== undefined));
  for (const q of questions) {
    const group = prefix(q.header);
    if (group === undefined || (shared.get(group) ?? 0) < 2) continue;
    q.group = group;
    q.header = q.header.slice(group.length + 1);
  }
}

function counts(items: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
  return m;
}
