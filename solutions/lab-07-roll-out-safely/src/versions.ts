/**
 * Given: the versions lab 07's service can try. Each is the committed model `models/spam/1.0.0/`
 * with a behaviour a release must cope with, so the checks know what each candidate does without
 * training anything:
 *
 * | version | behaves like |
 * |---|---|
 * | `1.0.0` | stable: the committed model as it is |
 * | `1.1.0` | a good retrain: probability `0.9 p + 0.08`, the same class almost everywhere |
 * | `1.2.0` | a retrain with the labels swapped: probability `1 − p` |
 * | `1.3.0` | a model that fails on one text in four (those whose length is a multiple of 4) |
 * | `1.4.0` | `1.1.0`, but slow on texts holding `[probe N]`: it busy-waits `SLOW_MS` first |
 * | `1.5.0` | `1.1.0`, but it throws on texts holding `[probe N]` |
 *
 * `1.4.0` and `1.5.0` write on a `Timeline` when they start and finish a probe text, so a check
 * can tell whether the client's answer left before the candidate was even asked.
 */
import * as path from 'node:path';
import { loadArtifact } from '../../../mlkit/artifact';
import type { LoadedModel, ModelSource } from '../../../server-template/src/contracts';
import { HttpError } from '../../../server-template/src/errors';

/** How long `1.4.0` busy-waits on a probe text: far longer than an answer takes. */
export const SLOW_MS = 30;

export const VERSIONS = ['1.0.0', '1.1.0', '1.2.0', '1.3.0', '1.4.0', '1.5.0'] as const;

/** `[probe 12]` in a text: the number of the probe, or undefined. */
export function probeOf(text: string): number | undefined {
  const m = /\[probe (\d+)\]/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** What happened, in the order it happened (one process, one event loop: no clock needed). */
export interface TimelineEvent {
  event: 'answer-sent' | 'candidate-started' | 'candidate-finished';
  probe: number;
}

export type Timeline = TimelineEvent[];

const good = (p: number): number => 0.9 * p + 0.08;

function behaviour(version: string, stable: (texts: string[]) => number[], timeline: Timeline): (texts: string[]) => number[] {
  const probed = (texts: string[], during: () => void): number[] => {
    const probes = texts.map(probeOf).filter((p): p is number => p !== undefined);
    for (const probe of probes) timeline.push({ event: 'candidate-started', probe });
    if (probes.length > 0) during();
    const scores = stable(texts).map(good);
    for (const probe of probes) timeline.push({ event: 'candidate-finished', probe });
    return scores;
  };
  switch (version) {
    case '1.1.0':
      return (texts) => stable(texts).map(good);
    case '1.2.0':
      return (texts) => stable(texts).map((p) => 1 - p);
    case '1.3.0':
      return (texts) => {
        const bad = texts.findIndex((t) => t.length % 4 === 0);
        if (bad >= 0) throw new Error(`version 1.3.0 failed on text ${bad}`);
        return stable(texts).map(good);
      };
    case '1.4.0':
      return (texts) =>
        probed(texts, () => {
          const until = Date.now() + SLOW_MS;
          while (Date.now() < until) {
            // A CPU-bound model: nothing else runs meanwhile.
          }
        });
    case '1.5.0':
      return (texts) =>
        probed(texts, () => {
          throw new Error('version 1.5.0 crashed on a probe text');
        });
    default:
      return stable;
  }
}

/** The versions above as lab 01's `ModelSource` would serve them from disk (the committed model is read once). */
export function labVersions(modelsDir: string, name: string, timeline: Timeline): ModelSource {
  let artifact: ReturnType<typeof loadArtifact> | undefined;
  return {
    async versions() {
      return [...VERSIONS];
    },
    async open(version = VERSIONS[0]) {
      if (!(VERSIONS as readonly string[]).includes(version)) {
        throw new HttpError(404, 'version_not_found', `Model "${name}" has no version "${version}".`, { available: [...VERSIONS] });
      }
      artifact ??= loadArtifact(path.join(modelsDir, name, '1.0.0'));
      const committed = artifact;
      const model: LoadedModel = {
        info: { name, version },
        threshold: committed.threshold,
        metadata: { ...committed.metadata, version },
        predictProba: behaviour(version, (texts) => committed.predictProba(texts), timeline),
      };
      return model;
    },
  };
}
