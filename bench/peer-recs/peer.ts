/**
 * Running the Python item-kNN peer (item_knn.py) on interactions written to CSV: the bench and
 * the parity test hand it exactly the split the toolkit's models get.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Interaction } from '../../mlkit/recsys/types';
import { peerPython } from '../python';

export interface PeerResult {
  fit_seconds: number;
  /** Users scored, ascending, and per user the peer's own recall@k and NDCG@k and its list. */
  users: number[];
  recall: number[];
  ndcg: number[];
  lists: number[][];
}

/** Writes `train.csv` and `test.csv` (`user,item`) into `dir`. */
export function exportSplit(dir: string, train: readonly Interaction[], test: readonly Interaction[]): void {
  const csv = (rows: readonly Interaction[]): string => `user,item\n${rows.map((r) => `${r.user},${r.item}`).join('\n')}\n`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'train.csv'), csv(train));
  fs.writeFileSync(path.join(dir, 'test.csv'), csv(test));
}

/** The Python that can run the peer, or why none can. */
export function peerRecsPython(): { python: string } | { error: string } {
  const found = peerPython(['numpy', 'scipy']);
  return 'error' in found
    ? { error: found.error.replace(/on Debian: .*$/, 'on Debian: apt-get install python3-numpy python3-scipy, or set PYTHON') }
    : found;
}

/** @throws Error with the peer's last stderr line when it fails. */
export function runPeer(python: string, dir: string, k = 10): PeerResult {
  const run = spawnSync(python, [path.join(__dirname, 'item_knn.py'), dir, '--k', String(k)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 600_000,
  });
  if (run.status !== 0) throw new Error(`item_knn.py failed: ${(run.stderr || String(run.error)).trim().split('\n').pop()}`);
  return JSON.parse(run.stdout) as PeerResult;
}
