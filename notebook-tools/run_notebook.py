"""Execute a notebook with nbclient and keep the outputs even when a cell fails.

usage: python3 run_notebook.py NOTEBOOK OUTPUT KERNEL CELL_TIMEOUT_SECONDS [allow-errors]

nbconvert discards everything when a cell fails, and the TypeScript kernel reports compile
errors as stderr output rather than in the error message; keeping the partial notebook lets
the caller show the learner exactly what the failing cell printed. Exit status: 0 when every
cell ran, 1 when a cell failed (its index is written to OUTPUT + '.failed'), 2 on bad usage.
With allow-errors (how a grader runs a learner's notebook) every cell runs and the status is 0.
"""

# tslab cancels every request that reaches it within 200 ms of a failed cell (yunabe/tslab#19),
# whatever stop_on_error says; waiting longer lets the next cell run.
TSLAB_ABORT_WINDOW_SECONDS = 0.3
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(argv):
    if len(argv) not in (5, 6) or (len(argv) == 6 and argv[5] != 'allow-errors'):
        print(__doc__, file=sys.stderr)
        return 2
    source, output, kernel, timeout = argv[1], argv[2], argv[3], int(argv[4])
    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel, allow_errors=len(argv) == 6,
                            resources={'metadata': {'path': os.path.dirname(os.path.abspath(source))}})
    if client.allow_errors:
        client.on_cell_error = lambda **_: time.sleep(TSLAB_ABORT_WINDOW_SECONDS)
    failed = None
    try:
        client.execute()
    except CellExecutionError:
        failed = next((i for i, c in reversed(list(enumerate(nb.cells)))
                       if c.cell_type == 'code' and c.get('execution_count')), -1)
    nbformat.write(nb, output)
    if failed is not None:
        with open(output + '.failed', 'w') as f:
            f.write(str(failed))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
