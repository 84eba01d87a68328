// The course's TypeScript kernel: tslab, started from the course's root folder.
//
// Jupyter starts a kernel in the notebook's own folder, and tslab only compiles files under the
// folder it starts in, so lessons in notebooks/ could not import the toolkit (mlkit/) or the
// dataset readers (datasets/). This launcher walks up from that folder to the nearest one
// holding node_modules/tslab (the course's root), moves there, and starts that tslab.
'use strict';
const fs = require('fs');
const path = require('path');

const MAIN = ['node_modules', 'tslab', 'dist', 'main.js'];

function courseRoot(start) {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules' && fs.existsSync(path.join(dir, ...MAIN))) return dir;
    if (path.dirname(dir) === dir) return null;
  }
}

const root = courseRoot(process.cwd());
if (!root) {
  console.error(`No course found above ${process.cwd()}: open the notebooks from the course folder, after running npm ci there.`);
  process.exit(1);
}
const at = process.argv.indexOf('--config-path');
process.chdir(root);
require(path.join(root, ...MAIN)).startKernel({ configPath: at >= 0 ? process.argv[at + 1] : '', enableFindLocal: false });
