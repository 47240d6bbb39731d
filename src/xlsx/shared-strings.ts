import { cellText } from './limits';
import { needsPreserve, ns, xmlHeader, xmlText, type XmlSink } from './xml';

/** The shared string table: each distinct string stored once, cells refer to it by index. */
export class SharedStrings {
  private index = new Map<string, number>();
  private references = 0;

  /** The index of a string, cut first to what a cell holds. */
  id(text: string): number {
    const s = cellText(text);
    this.references++;
    let at = this.index.get(s);
    if (at === undefined) this.index.set(s, (at = this.index.size));
    return at;
  }

  /** `id` once more of the text `id` last gave `at` for. */
  again(at: number): number {
    this.references++;
    return at;
  }

  /** The sharedStrings part, written to `sink`. */
  write(sink: XmlSink): void {
    sink.push(
      `${xmlHeader}<sst xmlns="${ns.main}" count="${this.references}" uniqueCount="${this.index.size}">`,
    );
    for (const s of this.index.keys())
      sink.push(
        needsPreserve(s)
          ? `<si><t xml:space="preserve">${xmlText(s)}</t></si>`
          : `<si><t>${xmlText(s)}</t></si>`,
      );
    sink.push('</sst>');
    sink.close();
  }
}
