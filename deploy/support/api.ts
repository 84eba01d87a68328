import { silentLogger } from '../../server-template/src/testing';
import { startService } from '../../solutions/service/main';
import { startRecsService } from '../../solutions/recs-service/main';

export interface RunningApi {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  close(): Promise<void>;
}

/**
 * The reference service in this process, on 127.0.0.1 and a free port, serving the committed
 * default model (models/spam/) with an in-memory prediction log and process metrics on,
 * as in production.
 */
export async function startReferenceApi(): Promise<RunningApi> {
  const handle = await startService(
    { PORT: '0', HOST: '127.0.0.1', PREDICTION_LOG: ':memory:', LOG_LEVEL: 'silent' },
    { logger: silentLogger(), processMetrics: true },
  );
  return { url: handle.url, close: () => handle.close() };
}

/** The recommendation service in this process, on 127.0.0.1 and a free port, serving the committed models/recs/. */
export async function startReferenceRecsApi(): Promise<RunningApi> {
  const handle = await startRecsService(
    { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    { logger: silentLogger(), processMetrics: true },
  );
  return { url: handle.url, close: () => handle.close() };
}
