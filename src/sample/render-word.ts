import JSZip from 'jszip';
import type { Definition, Question } from '../core/definition';
import { interstitialsOf, isSelected, optionsOf, textLines, variationFor, wordTitle } from './layout';
import type { SampleResponse } from './responses';

export type ChoiceStyle = 'inline' | 'per-line';

const checked = '☒';
const unchecked = '☐';

type Line = { kind: 'title' | 'heading' | 'question' | 'choice' | 'text'; text: string };

/**
 * The questionnaire as returned in Word: numbered questions with the answer on the lines below, choices
 * as ☒/☐ boxes on one line (`inline`) or one per line. Some respondents keep the template's sub-headings
 * and notes; the response decides.
 */
function wordLines(r: SampleResponse, def: Definition, style: ChoiceStyle): Line[] {
  const rnd = variationFor(r, 0x3070);
  const places = interstitialsOf(def, { sectionTitlesFirst: true, notes: rnd.chance(0.4) });
  const lines: Line[] = [
    { kind: 'title', text: def.title },
    { kind: 'text', text: '' },
  ];
  const blank = () => lines.push({ kind: 'text', text: '' });
  for (const q of def.questions) {
    for (const text of places.before.get(q.id) ?? []) {
      lines.push({ kind: 'heading', text });
      blank();
    }
    lines.push({ kind: 'question', text: wordTitle(q) });
    for (const text of places.underTitle.get(q.id) ?? []) lines.push({ kind: 'text', text });
    if (q.type === 'text') for (const text of textLines(r.answers[q.id])) lines.push({ kind: 'text', text });
    else for (const text of choiceLines(q, r, style)) lines.push({ kind: 'choice', text });
    blank();
  }
  lines.pop();
  return lines;
}

function choiceLines(q: Question, r: SampleResponse, style: ChoiceStyle): string[] {
  const answer = r.answers[q.id];
  const boxes = optionsOf(q).map((o) => {
    const on = isSelected(answer, o);
    const label = on && o === q.otherOption && answer?.other ? `${o}: ${answer.other}` : o;
    return `${on ? checked : unchecked} ${label}`;
  });
  return style === 'inline' ? [boxes.join('   ')] : boxes;
}

/** The Word questionnaire saved as plain text. */
export function renderWordText(r: SampleResponse, def: Definition, style: ChoiceStyle): string {
  return (
    wordLines(r, def, style)
      .map((l) => l.text)
      .join('\n') + '\n'
  );
}

const wordNs = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const relNs = 'http://schemas.openxmlformats.org/package/2006/relationships';
const officeRel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const run = (text: string, props = '') =>
  `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;

function paragraphXml(line: Line): string {
  if (!line.text) return '<w:p/>';
  if (line.kind === 'choice') {
    // Word's checkbox glyphs come from a symbol font, in runs of their own.
    const runs = line.text
      .split(/([☒☐])/)
      .filter(Boolean)
      .map((part) =>
        part === checked || part === unchecked
          ? run(part, '<w:rFonts w:ascii="MS Gothic" w:eastAsia="MS Gothic" w:hAnsi="MS Gothic"/>')
          : run(part),
      );
    return `<w:p>${runs.join('')}</w:p>`;
  }
  if (line.kind === 'title')
    return `<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr>${run(line.text, '<w:b/>')}</w:p>`;
  if (line.kind === 'heading')
    return `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr>${run(line.text, '<w:b/>')}</w:p>`;
  return `<w:p>${run(line.text, line.kind === 'question' ? '<w:b/>' : '')}</w:p>`;
}

const contentTypes =
  xmlHead +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '</Types>';

const packageRels =
  xmlHead +
  `<Relationships xmlns="${relNs}">` +
  `<Relationship Id="rId1" Type="${officeRel}/officeDocument" Target="word/document.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  '</Relationships>';

const documentRels =
  xmlHead +
  `<Relationships xmlns="${relNs}"><Relationship Id="rId1" Type="${officeRel}/styles" Target="styles.xml"/></Relationships>`;

const styles =
  xmlHead +
  `<w:styles xmlns:w="${wordNs}">` +
  '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="32"/></w:rPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="26"/></w:rPr></w:style>' +
  '</w:styles>';

/**
 * The Word questionnaire as a .docx: one paragraph per line, checkbox glyphs in their own runs. Choices
 * are inline or one per line, as the response decides. The package is written directly (it is small and
 * fixed), which keeps a large batch fast and its bytes the same for the same response.
 */
export async function renderDocx(r: SampleResponse, def: Definition): Promise<Uint8Array> {
  const style: ChoiceStyle = variationFor(r, 0xd0c).chance(0.5) ? 'inline' : 'per-line';
  const body = wordLines(r, def, style).map(paragraphXml).join('');
  const document =
    xmlHead +
    `<w:document xmlns:w="${wordNs}" xmlns:r="${officeRel}"><w:body>${body}` +
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>' +
    '</w:body></w:document>';
  const core =
    xmlHead +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(def.title)}</dc:title><dc:creator>${escapeXml(r.respondent ?? 'Microsoft Office User')}</dc:creator>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${r.completionTime}Z</dcterms:modified>` +
    '</cp:coreProperties>';

  const zip = new JSZip();
  const date = new Date(`${r.completionTime}Z`);
  const parts: [string, string][] = [
    ['[Content_Types].xml', contentTypes],
    ['_rels/.rels', packageRels],
    ['word/document.xml', document],
    ['word/_rels/document.xml.rels', documentRels],
    ['word/styles.xml', styles],
    ['docProps/core.xml', core],
  ];
  for (const [name, xml] of parts) zip.file(name, xml, { date, createFolders: false });
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
