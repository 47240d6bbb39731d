import type { Definition } from '../core/definition';
import { definitionFromTable, stateFromTables, type WorkbookState } from '../core/plan/state';
import { tableNames } from '../core/plan/columns';
import { WorkbookReader } from './read-workbook';

/**
 * What a later import needs from an existing comparison workbook (.xlsx bytes): see `stateFromTables`;
 * with the definition the workbook stores, which orders the answers where it is given, else `def`.
 */
export async function readWorkbookState(bytes: Uint8Array, def?: Definition): Promise<WorkbookState> {
  const reader = await WorkbookReader.open(bytes);
  const definition = definitionFromTable(await reader.table(tableNames.definition));
  const state = stateFromTables(
    {
      responses: await reader.table(tableNames.responses),
      answers: await reader.table(tableNames.answers),
      issues: await reader.table(tableNames.issues),
    },
    def ?? definition,
  );
  return definition ? { ...state, definition } : state;
}
