/**
 * Offline checks of the Kubernetes manifests in deploy/kubernetes/: each object against the
 * official schema (npm kubernetes-models, generated from Kubernetes' OpenAPI), then what the
 * schema cannot see — rules the API server enforces (a container has an image) and references
 * between objects (a probe's named port, a selector that selects the pods).
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Service } from 'kubernetes-models/v1/Service';
import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1PodSpec as PodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IIoK8sApiCoreV1Probe as Probe } from 'kubernetes-models/v1/Probe';

/** A parsed manifest object: `kind`, `apiVersion`, the rest as written. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; labels?: Record<string, string> };
  spec?: unknown;
  /** `file#index`, for messages. */
  source: string;
}

/** The kinds the manifests use, by `apiVersion/kind`; anything else is refused. */
const MODELS: Record<string, (data: object) => { validate(): void }> = {
  'apps/v1/Deployment': (d) => new Deployment(d as never),
  'v1/Service': (d) => new Service(d as never),
  'autoscaling/v2/HorizontalPodAutoscaler': (d) => new HorizontalPodAutoscaler(d as never),
  'policy/v1/PodDisruptionBudget': (d) => new PodDisruptionBudget(d as never),
  'batch/v1/Job': (d) => new Job(d as never),
};

/** Every document of every `.yaml` file in `dir`; YAML errors throw with the file's name. */
export function loadManifests(dir: string): K8sObject[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  return files.flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(dir, file), 'utf8')).map((doc, i) => {
      if (doc.errors.length > 0) throw new Error(`${file}#${i}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return { ...(doc.toJS() as Omit<K8sObject, 'source'>), source: `${file}#${i}` };
    }),
  );
}

/** Schema problems of one object (empty when valid). */
export function schemaProblems(object: K8sObject): string[] {
  const { source, ...data } = object;
  const model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!model) return [`${source}: ${object.apiVersion} ${object.kind} is not a kind these checks know`];
  try {
    model(data).validate();
    return [];
  } catch (error) {
    return [`${source} (${object.kind} ${object.metadata?.name}): ${(error as Error).message}`];
  }
}

/** The pod template of a Deployment or Job. */
export function podSpecOf(object: K8sObject): { labels: Record<string, string>; spec: PodSpec } | undefined {
  const template = (object.spec as { template?: { metadata?: { labels?: Record<string, string> }; spec?: PodSpec } } | undefined)?.template;
  return template?.spec ? { labels: template.metadata?.labels ?? {}, spec: template.spec } : undefined;
}

function probesOf(container: Container): [string, Probe][] {
  const probes: [string, Probe | undefined][] = [
    ['readinessProbe', container.readinessProbe],
    ['livenessProbe', container.livenessProbe],
    ['startupProbe', container.startupProbe],
  ];
  return probes.filter((p): p is [string, Probe] => p[1] !== undefined);
}

/** What the API server would refuse in a pod: a container without an image, a probe on a port the container does not declare. */
export function podProblems(object: K8sObject): string[] {
  const pod = podSpecOf(object);
  if (!pod) return [];
  const problems: string[] = [];
  for (const c of pod.spec.containers) {
    const where = `${object.source} container ${c.name}`;
    if (!c.image) problems.push(`${where}: no image`);
    const names = new Set((c.ports ?? []).map((p) => p.name).filter((n) => n !== undefined));
    const numbers = new Set((c.ports ?? []).map((p) => p.containerPort));
    for (const [kind, probe] of probesOf(c)) {
      const port = probe.httpGet?.port ?? probe.tcpSocket?.port;
      if (typeof port === 'string' && !names.has(port))
        problems.push(`${where}: ${kind} uses port "${port}", which the container does not declare (${[...names].join(', ') || 'none'})`);
      if (typeof port === 'number' && !numbers.has(port))
        problems.push(`${where}: ${kind} uses port ${port}, which the container does not declare`);
    }
  }
  return problems;
}

/** HTTP paths the probes of a pod call. */
export function probePaths(object: K8sObject): string[] {
  const pod = podSpecOf(object);
  return (pod?.spec.containers ?? [])
    .flatMap((c) => probesOf(c).map(([, p]) => p.httpGet?.path))
    .filter((p): p is string => p !== undefined);
}

/** True when every `matchLabels` pair (or selector pair) is among `labels`. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  const pairs = Object.entries(selector ?? {});
  return pairs.length > 0 && pairs.every(([k, v]) => labels[k] === v);
}

/** One object of `kind` (and `name`, when given) among `objects`, or an error naming what is missing. */
export function one(objects: K8sObject[], kind: string, name?: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` named ${name}` : ''}, found ${found.length}`);
  return found[0];
}

interface Selecting {
  selector?: Record<string, string> | { matchLabels?: Record<string, string> };
}

function matchLabels(object: K8sObject): Record<string, string> | undefined {
  const selector = (object.spec as Selecting | undefined)?.selector;
  if (!selector) return undefined;
  return object.kind === 'Service'
    ? (selector as Record<string, string>)
    : (selector as { matchLabels?: Record<string, string> }).matchLabels;
}

/** The pod templates (Deployments) whose pods `object`'s selector selects. */
function selectedPods(object: K8sObject, objects: K8sObject[]): K8sObject[] {
  return objects.filter((o) => o.kind === 'Deployment' && selects(matchLabels(object), podSpecOf(o)?.labels ?? {}));
}

/** References between objects: selectors that select the pods, named target ports, the HPA's target. */
export function crossProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const d of objects.filter((o) => o.kind === 'Deployment')) {
    if (!selects(matchLabels(d), podSpecOf(d)?.labels ?? {}))
      problems.push(`${d.source}: the Deployment's selector does not match its own pod labels`);
  }
  for (const s of objects.filter((o) => o.kind === 'Service' || o.kind === 'PodDisruptionBudget')) {
    const pods = selectedPods(s, objects);
    if (pods.length === 0) problems.push(`${s.source}: the ${s.kind} ${s.metadata?.name} selects no Deployment's pods`);
    if (s.kind !== 'Service') continue;
    const declared = new Set(pods.flatMap((p) => podSpecOf(p)!.spec.containers.flatMap((c) => (c.ports ?? []).map((port) => port.name))));
    for (const port of (s.spec as { ports?: { targetPort?: string | number }[] }).ports ?? []) {
      if (typeof port.targetPort === 'string' && !declared.has(port.targetPort))
        problems.push(`${s.source}: targetPort "${port.targetPort}" is not a port of the selected pods`);
    }
  }
  for (const h of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
    const ref = (h.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
    const target = objects.find((o) => o.kind === ref.kind && o.metadata?.name === ref.name);
    if (!target) problems.push(`${h.source}: scaleTargetRef ${ref.kind} ${ref.name} is not among the manifests`);
    // A CPU utilization target is a percentage of the request: without one the HPA cannot act.
    else if (podSpecOf(target)!.spec.containers.some((c) => c.resources?.requests?.['cpu'] === undefined))
      problems.push(`${h.source}: its target's containers need CPU requests`);
  }
  return problems;
}

/** Containers without CPU and memory requests and limits. */
export function resourceProblems(object: K8sObject): string[] {
  const pod = podSpecOf(object);
  const problems: string[] = [];
  for (const c of pod?.spec.containers ?? []) {
    for (const side of ['requests', 'limits'] as const) {
      for (const resource of ['cpu', 'memory']) {
        if (c.resources?.[side]?.[resource] === undefined)
          problems.push(`${object.source} container ${c.name}: no ${resource} in resources.${side}`);
      }
    }
  }
  return problems;
}
