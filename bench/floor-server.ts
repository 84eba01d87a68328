/**
 * The floor for the API benchmarks: node's HTTP server and the service's model, nothing else —
 * no validation, metrics, request ids or logs. What any Node service answering POST /predict
 * with this model pays on this machine (HTTP parsing, the socket write, the prediction); the
 * gap to the reference service is what its production features cost.
 * Run: PORT=… npx tsx bench/floor-server.ts (serves 127.0.0.1; any GET answers, for start-up checks).
 */
import { createServer, type RequestListener } from 'node:http';
import * as path from 'node:path';
import type { LoadedModel } from '../server-template/src/contracts';
import { DiskModelRegistry } from '../solutions/lab-01-ship-the-model/src/registry';
import { defaultOpenArtifact } from '../solutions/service/artifact';

/** The model's answer for a parsed `{"text"}` body, with nothing else. */
export function floorAnswer(
  model: LoadedModel,
  body: unknown,
): { prediction: 'spam' | 'ham'; probability: number; model: LoadedModel['info'] } {
  const probability = model.predictProba([(body as { text: string }).text])[0] ?? 0;
  return { prediction: probability >= model.threshold ? 'spam' : 'ham', probability, model: model.info };
}

/** POST: read, parse, predict, answer. Anything else: "ready". */
export function floorListener(model: LoadedModel): RequestListener {
  return (req, res) => {
    if (req.method !== 'POST') {
      res.end('ready');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = floorAnswer(model, JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(answer));
    });
  };
}

async function main(): Promise<void> {
  const registry = new DiskModelRegistry({
    modelsDir: path.resolve(__dirname, '..', 'models'),
    name: 'spam',
    openArtifact: defaultOpenArtifact,
  });
  const server = createServer(floorListener(await registry.load()));
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
