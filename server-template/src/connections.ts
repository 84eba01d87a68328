import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A socket counts as idle only after this long without a request: a kept-alive client sends
 * its next request within a millisecond or two of the last response, and closing the socket
 * in that gap resets a request the client has already sent.
 */
export const IDLE_GRACE_MS = 250;

interface SocketState {
  inFlight: number;
  /** When the last response closed (or the connection opened). */
  idleSince: number;
  /** `socket.bytesRead` then: more bytes since mean the next request has begun arriving. */
  bytesAtIdle: number;
}

/** What was open: at the signal, or when the drain gave up. */
export interface ConnectionCounts {
  connections: number;
  inFlight: number;
}

/**
 * Tracks every connection of a server and the requests in flight on each, so a drain can
 * close a kept-alive socket only between requests. Node's own `closeIdleConnections` (which
 * `server.close()` also calls) destroys a socket whose next request is still in the kernel's
 * buffer, unread: the client sees a reset for a request it sent.
 */
export class ConnectionTracker {
  private readonly sockets = new Map<Socket, SocketState>();
  private readonly responses = new Set<ServerResponse>();

  /** Follow the connections `server` accepts from now on. */
  watch(server: Server): void {
    server.on('connection', (socket: Socket) => {
      this.sockets.set(socket, { inFlight: 0, idleSince: Date.now(), bytesAtIdle: 0 });
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  /** Call first thing for every request. */
  onRequest(req: IncomingMessage, res: ServerResponse): void {
    const state = this.sockets.get(req.socket);
    if (state) state.inFlight += 1;
    this.responses.add(res);
    res.once('close', () => {
      this.responses.delete(res);
      if (!state) return;
      state.inFlight -= 1;
      state.idleSince = Date.now();
      state.bytesAtIdle = req.socket.bytesRead;
    });
  }

  counts(): ConnectionCounts {
    return { connections: this.sockets.size, inFlight: this.responses.size };
  }

  /** Responses not yet started close their connection once sent. */
  closeAfterResponses(): void {
    for (const res of this.responses) if (!res.headersSent) res.setHeader('Connection', 'close');
  }

  /**
   * Destroy the sockets with no request in flight, no byte of a next one read, for at least
   * `graceMs`.
   * @returns how many were closed
   */
  closeIdle(graceMs: number = IDLE_GRACE_MS): number {
    const now = Date.now();
    let closed = 0;
    for (const [socket, state] of this.sockets) {
      const idle = state.inFlight === 0 && socket.bytesRead === state.bytesAtIdle && now - state.idleSince >= graceMs;
      if (!idle) continue;
      socket.destroy();
      closed += 1;
    }
    return closed;
  }
}
