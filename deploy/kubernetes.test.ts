import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import { loadConfig } from '../server-template/src/config';
import { REPO_ROOT } from '../grading/harness/repo-root';
import { startReferenceApi } from './support/api';
import {
  crossProblems,
  loadManifests,
  one,
  podProblems,
  podSpecOf,
  probePaths,
  resourceProblems,
  schemaProblems,
  type K8sObject,
} from './support/kubernetes';

const DIR = path.join(REPO_ROOT, 'deploy', 'kubernetes');

/** A deep copy of the manifests with one mistake planted by `plant`. */
function planted(objects: K8sObject[], plant: (objects: K8sObject[]) => void): K8sObject[] {
  const copy = structuredClone(objects);
  plant(copy);
  return copy;
}

const apiContainer = (objects: K8sObject[]): Container => podSpecOf(one(objects, 'Deployment', 'spam-api'))!.spec.containers[0];
const envOf = (c: Container): Record<string, string> =>
  Object.fromEntries((c.env ?? []).filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]));
const allProblems = (objects: K8sObject[]): string[] => [
  ...objects.flatMap((o) => [...schemaProblems(o), ...podProblems(o)]),
  ...crossProblems(objects),
];

describe('deploy/kubernetes (checked offline against the Kubernetes schema)', () => {
  const objects = loadManifests(DIR);

  it('holds a Deployment, Service, HorizontalPodAutoscaler and PodDisruptionBudget for the API, and the grading Jobs', () => {
    assert.deepEqual(objects.map((o) => `${o.kind}/${o.metadata?.name}`).sort(), [
      'Deployment/spam-api',
      'HorizontalPodAutoscaler/spam-api',
      'Job/grade-lab-01',
      'Job/grade-lab-01-merge',
      'PodDisruptionBudget/spam-api',
      'Service/spam-api',
    ]);
  });

  it('validates every object against the schema, with no pod the API server would refuse and no broken reference', () => {
    assert.deepEqual(allProblems(objects), []);
  });

  it('gives every container CPU and memory requests and limits', () => {
    assert.deepEqual(objects.flatMap(resourceProblems), []);
  });

  it('runs the API as a non-root user that cannot escalate, on a read-only root filesystem', () => {
    const pod = podSpecOf(one(objects, 'Deployment', 'spam-api'))!.spec;
    assert.equal(pod.securityContext?.runAsNonRoot, true);
    assert.notEqual(pod.securityContext?.runAsUser, 0);
    const c = apiContainer(objects);
    assert.equal(c.securityContext?.allowPrivilegeEscalation, false);
    assert.equal(c.securityContext?.readOnlyRootFilesystem, true);
    assert.deepEqual(c.securityContext?.capabilities?.drop, ['ALL']);
  });

  it("gives a pod the time its shutdown needs: preStop, then the service's whole drain (SHUTDOWN_TIMEOUT_MS), within the grace period", () => {
    const pod = podSpecOf(one(objects, 'Deployment', 'spam-api'))!.spec;
    const c = apiContainer(objects);
    // The service's own rules: DRAIN_DELAY_MS < SHUTDOWN_TIMEOUT_MS, and every value in range.
    const config = loadConfig({ ...envOf(c), NODE_ENV: 'production', DATABASE_URL: 'postgres://u@db/predictions' });
    const preStop = c.lifecycle?.preStop?.exec?.command ?? [];
    assert.equal(preStop[0], 'sleep', 'preStop is a sleep');
    const needed = Number(preStop[1]) + config.shutdownTimeoutMs / 1000;
    assert.ok(
      (pod.terminationGracePeriodSeconds ?? 30) > needed,
      `terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} ≤ preStop + SHUTDOWN_TIMEOUT_MS = ${needed} s`,
    );
    assert.ok(config.drainDelayMs > 0, 'DRAIN_DELAY_MS is set: readiness fails before the port closes');
  });

  it('probes only paths the API serves (GET answers 200 on the reference service)', async () => {
    const paths = probePaths(one(objects, 'Deployment', 'spam-api'));
    assert.deepEqual([...new Set(paths)].sort(), ['/health/live', '/health/ready']);
    const api = await startReferenceApi();
    try {
      for (const p of new Set(paths)) assert.equal((await fetch(`${api.url}${p}`)).status, 200, p);
    } finally {
      await api.close();
    }
  });

  it('grades one shard per index of the Indexed Job (1-based --shard from JOB_COMPLETION_INDEX) and merges as many', () => {
    const job = one(objects, 'Job', 'grade-lab-01');
    const spec = job.spec as { completionMode?: string; completions?: number; parallelism?: number };
    assert.equal(spec.completionMode, 'Indexed');
    const grade = podSpecOf(job)!.spec.containers[0];
    const shards = Number(envOf(grade)['SHARDS']);
    assert.equal(spec.completions, shards);
    const script = (grade.args ?? []).join(' ');
    assert.match(
      script,
      /npm run grade -- "\$LAB" \S+ .*--shard "\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)\/\$SHARDS" --out "\/data\/out-\$\(\(JOB_COMPLETION_INDEX \+ 1\)\)"/,
    );
    const merge = podSpecOf(one(objects, 'Job', 'grade-lab-01-merge'))!.spec.containers[0];
    assert.equal(Number(envOf(merge)['SHARDS']), shards);
    assert.match((merge.args ?? []).join(' '), /npm run grade:merge -- \$\(seq -f \/data\/out-%g 1 "\$SHARDS"\) --out /);
  });

  describe('fails on a planted mistake', () => {
    it('a resource quantity that is not one (cpu: "one")', () => {
      const bad = planted(objects, (o) => (apiContainer(o).resources!.limits!['cpu'] = 'one'));
      assert.match(allProblems(bad).join('\n'), /resources\/limits\/cpu must match format "quantity"/);
    });

    it('a probe on a named port the container does not declare', () => {
      const bad = planted(objects, (o) => (apiContainer(o).readinessProbe!.httpGet!.port = 'htp'));
      assert.match(allProblems(bad).join('\n'), /readinessProbe uses port "htp", which the container does not declare/);
    });

    it('a container without an image', () => {
      const bad = planted(objects, (o) => delete apiContainer(o).image);
      assert.match(allProblems(bad).join('\n'), /container api: no image/);
    });

    it('a Service whose selector matches no pods, and a PodDisruptionBudget that selects none', () => {
      const bad = planted(objects, (o) => {
        (one(o, 'Service').spec as { selector: Record<string, string> }).selector = { 'app.kubernetes.io/name': 'spam-apl' };
        (one(o, 'PodDisruptionBudget').spec as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels = {
          app: 'spam-api',
        };
      });
      const problems = allProblems(bad).join('\n');
      assert.match(problems, /the Service spam-api selects no Deployment's pods/);
      assert.match(problems, /the PodDisruptionBudget spam-api selects no Deployment's pods/);
    });

    it('a kind the checks do not know (no silent pass)', () => {
      assert.match(
        schemaProblems({ apiVersion: 'apps/v1', kind: 'DaemonSet', source: 'x.yaml#0' }).join(''),
        /not a kind these checks know/,
      );
    });
  });
});
