import { createRoot } from 'react-dom/client';
import { App } from './App';
import { chooseHost } from './host';
import { runImport } from './import-client';
import { startOffice } from './office';
import { workbookInWorker } from './workbook-client';

async function main() {
  const host = chooseHost(await startOffice());
  document.body.dataset.host = host.kind;
  const container = document.getElementById('container');
  if (container)
    createRoot(container).render(<App host={host} runImport={runImport} makeWorkbook={workbookInWorker} />);
}

void main();
