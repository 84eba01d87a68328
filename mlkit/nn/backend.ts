/**
 * Picking the fastest TensorFlow.js backend this machine can run, and saying which one won.
 *
 * Order: native TensorFlow (`@tensorflow/tfjs-node`, an optional dependency that downloads a
 * C library at install time and often cannot), then WebAssembly (`@tensorflow/tfjs-backend-wasm`,
 * plain files inside node_modules), then the pure-JavaScript `cpu` backend that always works.
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** One backend we tried, and why it was or was not used. */
export interface BackendAttempt {
  backend: BackendName;
  ok: boolean;
  /** Why it failed ("@tensorflow/tfjs-node is not installed"), or "" when it worked. */
  reason: string;
}

export interface BackendChoice {
  /** The backend TensorFlow.js now runs on. */
  backend: BackendName;
  attempts: BackendAttempt[];
}

export interface ChooseBackendOptions {
  /** Backends to try, first to last. Default: tensorflow, wasm, cpu. */
  order?: BackendName[];
  /** Loads a package by name; tests pass a fake to play a machine without a package. */
  load?: (moduleId: string) => unknown;
}

export const DEFAULT_ORDER: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

const PACKAGES: Record<BackendName, string | null> = {
  tensorflow: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: null, // built into @tensorflow/tfjs
};

/** The folder holding the `.wasm` binaries; in Node a file path prefix works as well as a URL. */
export function wasmDirectory(): string {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep;
}

function describeError(moduleId: string, error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  if (code === 'MODULE_NOT_FOUND') return `${moduleId} is not installed`;
  return `${moduleId} failed to load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
}

/** Loads the backend's package (which registers it with TensorFlow.js); returns why not, or "". */
function loadPackage(backend: BackendName, load: (moduleId: string) => unknown): string {
  const moduleId = PACKAGES[backend];
  if (!moduleId) return '';
  try {
    const loaded = load(moduleId) as { setWasmPaths?: (prefix: string) => void };
    // The wasm paths can only be set before the backend's first initialisation.
    if (backend === 'wasm' && !tf.findBackend('wasm')) loaded.setWasmPaths?.(wasmDirectory());
    return '';
  } catch (error) {
    return describeError(moduleId, error);
  }
}

async function tryBackend(backend: BackendName, load: (moduleId: string) => unknown): Promise<BackendAttempt> {
  const loadFailure = loadPackage(backend, load);
  if (loadFailure) return { backend, ok: false, reason: loadFailure };
  try {
    if (await tf.setBackend(backend)) {
      await tf.ready();
      return { backend, ok: true, reason: '' };
    }
    return { backend, ok: false, reason: `TensorFlow.js could not initialise the ${backend} backend` };
  } catch (error) {
    return { backend, ok: false, reason: `${backend} backend failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Switches TensorFlow.js to the first backend in `order` that loads and initialises.
 * Never throws for a missing optional package: that is what the fallback is for.
 * @throws when no backend in `order` works (only possible when `order` leaves out 'cpu').
 */
export async function chooseBackend(options: ChooseBackendOptions = {}): Promise<BackendChoice> {
  const order = options.order ?? DEFAULT_ORDER;
  if (order.length === 0) throw new Error('chooseBackend: `order` is empty; list at least one of tensorflow, wasm, cpu');
  const load = options.load ?? require;
  const attempts: BackendAttempt[] = [];
  for (const backend of order) {
    if (!(backend in PACKAGES)) throw new Error(`chooseBackend: unknown backend "${backend}"; expected tensorflow, wasm or cpu`);
    const attempt = await tryBackend(backend, load);
    attempts.push(attempt);
    if (attempt.ok) return { backend, attempts };
  }
  throw new Error(`no TensorFlow.js backend could start: ${attempts.map((a) => a.reason).join('; ')}`);
}

/** One line for a reader: which backend runs, and why the faster ones were skipped. */
export function describeBackend(choice: BackendChoice): string {
  const skipped = choice.attempts.filter((a) => !a.ok).map((a) => `${a.backend}: ${a.reason}`);
  return `TensorFlow.js backend: ${choice.backend}` + (skipped.length ? ` (skipped ${skipped.join('; ')})` : '');
}
