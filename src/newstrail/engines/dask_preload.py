"""What every Dask worker of newstrail loads, loaded once in the process the workers start from.

The Dask engine's local cluster forks its workers from a fork server that imported this
module (see :func:`newstrail.engines.dask_engine.connected`): the stages' modules and the
process-wide models they read (the fast embedder's vectors, the rhetoric model,
py3langid's model, which is unpacked from its LZMA file) are loaded there once, and every
worker starts with them instead of importing and unpacking them on its own (about 1.5 CPU
seconds a worker for py3langid alone). Only models held in plain arrays are loaded here:
an ONNX session's threads would not survive the fork.

On a cluster of your own, ``dask worker SCHEDULER --preload newstrail.engines.dask_preload``
loads them when each worker starts rather than on its first task (the same work, done
before the run).

Importing it has those effects, on purpose: import it only where workers start from.

>>> import newstrail.engines.dask_preload  # doctest: +SKIP
"""

from __future__ import annotations

import gc

import newstrail.engines.dask_engine  # noqa: F401  (the workers' tasks, and through them every stage's module)
from newstrail.analyze.language import _langid
from newstrail.analyze.rhetoric import load_model as rhetoric_model
from newstrail.embeddings import get_embedder

__all__: list[str] = []

# the process-wide models (each cached in its module), loaded before any worker exists
get_embedder("fast")
rhetoric_model()
_langid()
# what is loaded stays: no collection of the workers needs to walk it (nor copy its pages)
gc.freeze()
