import type { Definition } from '../core/definition';
import { stateFromTables, type WorkbookState } from '../core/plan/state';
import { tableNames } from '../core/plan/columns';
import { WorkbookReader } from './read-workbook';

/** What a later import needs from an existing comparison workbook (.xlsx bytes): see `stateFromTables`. */
export async function readWorkbookState(bytes: Uint8Array, def: Definition): Promise<WorkbookState> {
  const reader = await WorkbookReader.open(bytes);
  return stateFromTables(
    {
      responses: await reader.table(tableNames.responses),
      answers: await reader.table(tableNames.answers),
      issues: await reader.table(tableNames.issues),
    },
    def,
  );
}
