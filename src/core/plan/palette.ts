/** Colours (hex RGB) shared by the comparison rules and the legends that explain them. */
export const statusColours = {
  yes: { fill: 'C6EFCE', font: '006100' },
  no: { fill: 'FFC7CE', font: '9C0006' },
  inferred: { fill: 'DDEBF7', font: '1F4E78' },
  notRecorded: { fill: 'E7E6E6', font: '595959' },
  missing: { fill: 'FFEB9C', font: '9C5700' },
  notApplicable: { fill: 'F2F2F2', font: 'A6A6A6' },
} as const;

/** Low-to-high colour scales. */
export const shareScale = ['F8696B', 'FFEB84', '63BE7B'];
export const countScale = ['FFFFFF', 'F8696B'];

export const tabColours = {
  about: '1F4E78',
  data: '2E75B6',
  issues: 'C00000',
  definition: '7F7F7F',
  comparison: '548235',
  scores: 'BF8F00',
  pivot: '7030A0',
} as const;
