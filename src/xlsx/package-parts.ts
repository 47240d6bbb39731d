import type { WorkbookPlan } from '../core/plan/types';
import type { Relationship } from './worksheet';
import { attr, ns, relTypes, xmlAttr, xmlHeader, xmlText } from './xml';

export const contentTypes = {
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  theme: 'application/vnd.openxmlformats-officedocument.theme+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  pivotTable: 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml',
  pivotCacheDefinition:
    'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml',
  pivotCacheRecords: 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheRecords+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
  coreProps: 'application/vnd.openxmlformats-package.core-properties+xml',
  appProps: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
} as const;

export function contentTypesXml(overrides: [string, string][]): string {
  return (
    xmlHeader +
    `<Types xmlns="${ns.contentTypes}">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    overrides.map(([part, type]) => `<Override PartName="/${attr(part)}" ContentType="${type}"/>`).join('') +
    '</Types>'
  );
}

export function relsXml(rels: Relationship[]): string {
  return (
    xmlHeader +
    `<Relationships xmlns="${ns.pkgRel}">` +
    rels
      .map(
        (r) =>
          `<Relationship Id="${r.id}" Type="${r.type}" Target="${attr(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`,
      )
      .join('') +
    '</Relationships>'
  );
}

export function workbookXml(
  sheets: { name: string; relId: string; hidden?: boolean }[],
  pivotCaches: { cacheId: number; relId: string }[],
): string {
  return (
    xmlHeader +
    `<workbook xmlns="${ns.main}" xmlns:r="${ns.rel}">` +
    '<workbookPr/>' +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    '<sheets>' +
    sheets
      .map(
        (s, i) =>
          `<sheet name="${xmlAttr(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="${s.relId}"/>`,
      )
      .join('') +
    '</sheets>' +
    '<calcPr calcId="191029"/>' +
    (pivotCaches.length
      ? `<pivotCaches>${pivotCaches.map((p) => `<pivotCache cacheId="${p.cacheId}" r:id="${p.relId}"/>`).join('')}</pivotCaches>`
      : '') +
    '</workbook>'
  );
}

export function rootRelsXml(): string {
  return relsXml([
    { id: 'rId1', type: relTypes.officeDocument, target: 'xl/workbook.xml' },
    { id: 'rId2', type: relTypes.coreProps, target: 'docProps/core.xml' },
    { id: 'rId3', type: relTypes.appProps, target: 'docProps/app.xml' },
  ]);
}

export function corePropsXml(properties: WorkbookPlan['properties'], createdDate?: Date): string {
  // W3CDTF without milliseconds, as Excel writes it.
  const created = createdDate?.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    xmlHeader +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(properties.title)}</dc:title>` +
    `<dc:subject>${xmlText(properties.subject)}</dc:subject>` +
    '<dc:creator>Survey Atlas</dc:creator>' +
    (created
      ? `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified>`
      : '') +
    '</cp:coreProperties>'
  );
}

export function appPropsXml(): string {
  return (
    xmlHeader +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    '<Application>Survey Atlas</Application></Properties>'
  );
}

const solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';

/** The default Office colour and font scheme, which table and PivotTable styles draw on. */
export function themeXml(): string {
  const colours = [
    ['dk1', '<a:sysClr val="windowText" lastClr="000000"/>'],
    ['lt1', '<a:sysClr val="window" lastClr="FFFFFF"/>'],
    ['dk2', '<a:srgbClr val="44546A"/>'],
    ['lt2', '<a:srgbClr val="E7E6E6"/>'],
    ['accent1', '<a:srgbClr val="4472C4"/>'],
    ['accent2', '<a:srgbClr val="ED7D31"/>'],
    ['accent3', '<a:srgbClr val="A5A5A5"/>'],
    ['accent4', '<a:srgbClr val="FFC000"/>'],
    ['accent5', '<a:srgbClr val="5B9BD5"/>'],
    ['accent6', '<a:srgbClr val="70AD47"/>'],
    ['hlink', '<a:srgbClr val="0563C1"/>'],
    ['folHlink', '<a:srgbClr val="954F72"/>'],
  ];
  const font = (face: string) => `<a:latin typeface="${face}"/><a:ea typeface=""/><a:cs typeface=""/>`;
  return (
    xmlHeader +
    '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements>' +
    `<a:clrScheme name="Office">${colours.map(([n, c]) => `<a:${n}>${c}</a:${n}>`).join('')}</a:clrScheme>` +
    `<a:fontScheme name="Office"><a:majorFont>${font('Calibri Light')}</a:majorFont><a:minorFont>${font('Calibri')}</a:minorFont></a:fontScheme>` +
    '<a:fmtScheme name="Office">' +
    `<a:fillStyleLst>${solid.repeat(3)}</a:fillStyleLst>` +
    `<a:lnStyleLst>${[6350, 12700, 19050].map((w) => `<a:ln w="${w}">${solid}</a:ln>`).join('')}</a:lnStyleLst>` +
    `<a:effectStyleLst>${'<a:effectStyle><a:effectLst/></a:effectStyle>'.repeat(3)}</a:effectStyleLst>` +
    `<a:bgFillStyleLst>${solid.repeat(3)}</a:bgFillStyleLst>` +
    '</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>'
  );
}
