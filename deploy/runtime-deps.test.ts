import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageName, pruneManifest, requiredPackages } from './runtime-deps';

describe('deploy/runtime-deps', () => {
  describe('packageName', () => {
    it('keeps the scope of scoped packages and drops sub-paths', () => {
      assert.equal(packageName('@tensorflow/tfjs/dist/x'), '@tensorflow/tfjs');
      assert.equal(packageName('express'), 'express');
      assert.equal(packageName('pino/file'), 'pino');
    });
  });

  describe('requiredPackages', () => {
    let dir = '';
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'runtime-deps-'));
      mkdirSync(join(dir, 'a', 'b'), { recursive: true });
      writeFileSync(
        join(dir, 'a', 'main.js'),
        'const e = require("express");\nconst p = require("node:path");\nconst l = require("./local");',
      );
      writeFileSync(join(dir, 'a', 'b', 'deep.js'), "const t = require('@scope/pkg/sub'); const f = require('fs');");
      writeFileSync(join(dir, 'a', 'notes.txt'), 'require("not-code")');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('finds bare packages in nested .js files, without builtins, relative paths or other files', () => {
      assert.deepEqual([...requiredPackages(dir)].sort(), ['@scope/pkg', 'express']);
    });
  });

  describe('pruneManifest', () => {
    const manifest = {
      name: 'course',
      allowScripts: { 'better-sqlite3': true },
      dependencies: { express: '5.0.0', tslab: '1.0.0' },
      devDependencies: { mocha: '1.0.0' },
      optionalDependencies: { '@tensorflow/tfjs-node': '4.0.0' },
    };

    it('keeps only used dependencies, drops devDependencies, keeps other fields', () => {
      const pruned = pruneManifest(manifest, new Set(['express']));
      assert.deepEqual(pruned.dependencies, { express: '5.0.0' });
      assert.deepEqual(pruned.optionalDependencies, {});
      assert.equal('devDependencies' in pruned, false);
      assert.deepEqual(pruned.allowScripts, { 'better-sqlite3': true });
    });

    it('rejects a required package that is not a dependency, naming it', () => {
      assert.throws(() => pruneManifest(manifest, new Set(['express', 'mocha'])), /mocha/);
    });
  });
});
