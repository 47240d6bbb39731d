#!/usr/bin/env node
'use strict';
// `npm start`: sideloads the add-in into desktop Excel where office-addin-debugging and Excel can be
// used (Windows, Mac), otherwise serves the pane for the browser preview.
const { spawn } = require('child_process');

function installed(name) {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
}

const desktop =
  (process.platform === 'win32' || process.platform === 'darwin') && installed('office-addin-debugging');
const [command, args] = desktop
  ? ['npx', ['office-addin-debugging', 'start', 'manifest.xml', 'desktop']]
  : ['npx', ['webpack', 'serve', '--mode', 'development']];
if (!desktop) {
  console.log('Serving the pane for the browser preview: https://localhost:3000/taskpane.html');
  console.log('(To sideload into desktop Excel, install office-addin-debugging: see docs/taskpane.md.)');
}
const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
child.on('exit', (code) => process.exit(code ?? 0));
