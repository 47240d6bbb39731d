import type { WorkbookPlace } from './a1';
import { toWorkbookError } from './errors';

/** Activates the sheet and selects the cell (or range) of a place in the open workbook. */
export async function selectPlace(place: WorkbookPlace): Promise<void> {
  try {
    await Excel.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(place.sheet);
      ws.activate();
      ws.getRange(place.address).select();
      await context.sync();
    });
  } catch (error) {
    throw toWorkbookError(error, `selecting ${place.sheet}!${place.address}`);
  }
}
