/**
 * The floor for `api.bench.ts`: node's HTTP server and the service's model, nothing else — no
 * validation, metrics, request ids or logs. What any Node service answering POST /predict with
 * this model pays on this machine (HTTP parsing, the socket write, the prediction); the gap to
 * the reference service is what its production features cost.
 * Run: PORT=… npx tsx bench/floor-server.ts (serves 127.0.0.1; GET /health/ready for start-up checks).
 */
import { createServer } from 'node:http';
import * as path from 'node:path';
import { DiskModelRegistry } from '../solutions/lab-01-ship-the-model/src/registry';
import { defaultOpenArtifact } from '../solutions/service/artifact';

async function main(): Promise<void> {
  const registry = new DiskModelRegistry({ modelsDir: path.resolve(__dirname, '..', 'models'), name: 'spam', openArtifact: defaultOpenArtifact });
  const model = await registry.load();
  const server = createServer((req, res) => {
    if (req.method !== 'POST') {
      res.end('ready');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { text } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text: string };
      const probability = model.predictProba([text])[0] ?? 0;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ prediction: probability >= model.threshold ? 'spam' : 'ham', probability, model: model.info }));
    });
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
  process.on('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
