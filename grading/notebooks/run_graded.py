"""Run a learner's notebook for grading, inside the sandbox: the learner's cells, then the hook's.

usage: python3 run_graded.py NOTEBOOK KERNEL CELL_TIMEOUT_S FIRST_HOOK_CELL OUTPUT_CAP_BYTES

stdin: line 1 is a nonce; after the learner's cells this prints "hook-ready" and waits for a
second line, which the grader sends once it has copied the hidden checks in. Every line this
prints for the grader is "<nonce> <json>": {"event": "hook-ready"}, {"event": "cell", "index",
"text"} for each hook cell, {"event": "learner-error", "index", "error"}, {"event": "timing",
"what": "kernel-start" | "cell", "index"?, "seconds"} (where a run's time goes), and last
{"event": "end", "status": "graded" | "timeout" | "crashed", "cell", "detail"}. The kernel
shares this process's stdout but never sees the nonce: it does not inherit stdin, and this
process is made non-dumpable, so code of the same uid cannot read its memory or open its fds.
"""
import ctypes
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

# tslab cancels every request that reaches it within 200 ms of a failed cell (yunabe/tslab#19).
TSLAB_ABORT_WINDOW_SECONDS = 0.3
PR_SET_DUMPABLE = 4


class OutputCapExceeded(Exception):
    pass


class CappedClient(NotebookClient):
    """Keeps at most `cap` bytes of output in all; past it, the run stops."""

    cap = 0
    printed = 0

    def output(self, outs, msg, display_id, cell_index):
        self.printed += len(json.dumps(msg.get('content', {})))
        if self.printed > self.cap:
            raise OutputCapExceeded(f'printed more than {self.cap // (1024 * 1024)} MiB')
        return super().output(outs, msg, display_id, cell_index)


def text_of(cell):
    parts = []
    for out in cell.get('outputs', []):
        if out.get('output_type') == 'stream':
            parts.append(''.join(out.get('text', '')))
        elif out.get('output_type') == 'error':
            parts.append(f"{out.get('ename')}: {out.get('evalue')}\n")
    return ''.join(parts)


def error_of(cell):
    """The first error the cell showed: an exception, or tslab's compile errors (printed to stderr)."""
    for out in cell.get('outputs', []):
        if out.get('output_type') == 'error':
            return f"{out.get('ename')}: {str(out.get('evalue'))[:300]}"
    stderr = [''.join(o.get('text', '')) for o in cell.get('outputs', []) if o.get('name') == 'stderr']
    return stderr[0].strip().split('\n')[0][:300] if stderr else 'the cell failed'


def run(client, nb, first_hook, say):
    failed = set()
    client.on_cell_error = lambda cell_index, **_: failed.add(cell_index)
    for index, cell in enumerate(nb.cells):
        if index == first_hook:
            say({'event': 'hook-ready'})
            sys.stdin.readline()
        if cell.cell_type != 'code':
            continue
        started = time.monotonic()
        client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
        say({'event': 'timing', 'what': 'cell', 'index': index, 'seconds': round(time.monotonic() - started, 3)})
        if index in failed:
            time.sleep(TSLAB_ABORT_WINDOW_SECONDS)
        if index >= first_hook:
            say({'event': 'cell', 'index': index, 'text': text_of(cell)[-200000:]})
        elif index in failed:
            say({'event': 'learner-error', 'index': index, 'error': error_of(cell)})


def main(argv):
    if len(argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    source, kernel, timeout, first_hook, cap = argv[1], argv[2], int(argv[3]), int(argv[4]), int(argv[5])
    nonce = sys.stdin.readline().strip()
    ctypes.CDLL(None).prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
    out = sys.stdout

    def say(event):
        out.write(f'{nonce} {json.dumps(event)}\n')
        out.flush()

    nb = nbformat.read(source, as_version=4)
    client = CappedClient(nb, timeout=timeout, kernel_name=kernel, allow_errors=True,
                          resources={'metadata': {'path': os.path.dirname(os.path.abspath(source))}})
    client.cap = cap
    end = {'event': 'end', 'status': 'graded', 'cell': None, 'detail': ''}
    client.reset_execution_trackers()
    try:
        started = time.monotonic()
        with client.setup_kernel():
            say({'event': 'timing', 'what': 'kernel-start', 'seconds': round(time.monotonic() - started, 3)})
            run(client, nb, first_hook, say)
    except CellTimeoutError:
        end.update(status='timeout', detail=f'a cell did not finish within {timeout} s')
    except DeadKernelError:
        end.update(status='crashed', detail='the kernel died (the notebook called process.exit, or crashed it)')
    except OutputCapExceeded as e:
        end.update(status='crashed', detail=f'the notebook {e}: output is capped')
    except Exception as e:  # the kernel failed to start, or nbclient failed: the run says why
        end.update(status='crashed', detail=f'{type(e).__name__}: {str(e)[:300]}')
    end['cell'] = next((i for i, c in reversed(list(enumerate(nb.cells)))
                        if c.cell_type == 'code' and c.get('execution_count')), None)
    say(end)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
