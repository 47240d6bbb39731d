import { argbColour } from './limits';
import { attr, ns, xmlHeader } from './xml';

/** Formats Excel knows by number; others get ids from 164 up. */
const builtInFormats: Record<string, number> = {
  General: 0,
  '0': 1,
  '0.00': 2,
  '#,##0': 3,
  '#,##0.00': 4,
  '0%': 9,
  '0.00%': 10,
  '@': 49,
};

export interface FontSpec {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
  color?: string;
}

export interface CellStyle {
  numberFormat?: string;
  font?: FontSpec;
  fill?: string;
  wrap?: boolean;
}

/** The workbook's cell formats (xf) and differential formats (dxf), each added once. */
export class StyleBook {
  private customFormats = new Map<string, number>();
  private fonts: string[] = [];
  private fills: string[] = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private xfs: string[] = [];
  private xfIds = new Map<string, number>();
  private dxfs: string[] = [];
  private dxfIds = new Map<string, number>();

  constructor() {
    this.fontId({});
    this.xf({});
  }

  formatId(format: string | undefined): number {
    if (!format) return 0;
    if (format in builtInFormats) return builtInFormats[format];
    let id = this.customFormats.get(format);
    if (id === undefined) this.customFormats.set(format, (id = 164 + this.customFormats.size));
    return id;
  }

  private fontId(font: FontSpec): number {
    const xml =
      '<font>' +
      (font.bold ? '<b/>' : '') +
      (font.italic ? '<i/>' : '') +
      (font.underline ? '<u/>' : '') +
      `<sz val="${font.size ?? 11}"/>` +
      (argbColour(font.color) ? `<color rgb="${argbColour(font.color)}"/>` : '<color theme="1"/>') +
      '<name val="Calibri"/><family val="2"/><scheme val="minor"/></font>';
    const at = this.fonts.indexOf(xml);
    if (at >= 0) return at;
    this.fonts.push(xml);
    return this.fonts.length - 1;
  }

  private fillId(rgb: string | undefined): number {
    const argb = argbColour(rgb);
    if (!argb) return 0;
    const xml = `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`;
    const at = this.fills.indexOf(xml);
    if (at >= 0) return at;
    this.fills.push(xml);
    return this.fills.length - 1;
  }

  /** The cell format index (`s` attribute) for a style. */
  xf(style: CellStyle): number {
    const key = JSON.stringify([style.numberFormat ?? '', style.font ?? {}, style.fill ?? '', !!style.wrap]);
    const known = this.xfIds.get(key);
    if (known !== undefined) return known;
    const numFmtId = this.formatId(style.numberFormat);
    const fontId = this.fontId(style.font ?? {});
    const fillId = this.fillId(style.fill);
    const xml =
      `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"` +
      (numFmtId ? ' applyNumberFormat="1"' : '') +
      (fontId ? ' applyFont="1"' : '') +
      (fillId ? ' applyFill="1"' : '') +
      (style.wrap ? ' applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' : '/>');
    this.xfs.push(xml);
    this.xfIds.set(key, this.xfs.length - 1);
    return this.xfs.length - 1;
  }

  /** A differential format for conditional formatting: a fill and, optionally, a font colour. */
  dxf(fillColour: string | undefined, fontColour: string | undefined): number {
    const fill = argbColour(fillColour);
    const font = argbColour(fontColour);
    const key = `${fill ?? ''}|${font ?? ''}`;
    const known = this.dxfIds.get(key);
    if (known !== undefined) return known;
    const xml =
      '<dxf>' +
      (font ? `<font><color rgb="${font}"/></font>` : '') +
      // Conditional fills are solid in bgColor, as Excel writes them.
      (fill ? `<fill><patternFill><bgColor rgb="${fill}"/></patternFill></fill>` : '') +
      '</dxf>';
    this.dxfs.push(xml);
    this.dxfIds.set(key, this.dxfs.length - 1);
    return this.dxfs.length - 1;
  }

  toXml(): string {
    const formats = [...this.customFormats].map(
      ([code, id]) => `<numFmt numFmtId="${id}" formatCode="${attr(code)}"/>`,
    );
    return (
      xmlHeader +
      `<styleSheet xmlns="${ns.main}">` +
      (formats.length ? `<numFmts count="${formats.length}">${formats.join('')}</numFmts>` : '') +
      `<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      `<dxfs count="${this.dxfs.length}">${this.dxfs.join('')}</dxfs>` +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}
