"""Model files unpacked once and kept, so a run maps them instead of unpacking them again.

Some models ship compressed (py3langid's LZMA archive, the multilingual embedder's
zipped weights); unpacking them cost about a CPU second at each start of ``newstrail
analyze``, most of what a 1,000-article batch pays before its first article. The first
run writes the unpacked arrays as plain ``.npy`` files under the cache folder; later runs
map them read-only. The folder's name carries the source file's place, size and modification
time, so a new version of a model is unpacked again, never read stale. A cache that cannot be written
(read-only home, full disk) only costs the unpacking: the arrays are returned all the same.

The folder is ``$NEWSTRAIL_CACHE``, else ``$XDG_CACHE_HOME/newstrail``, else
``~/.cache/newstrail``; deleting it is always safe.

>>> import numpy as np, os, tempfile, pathlib
>>> before = os.environ.get(CACHE_VARIABLE)
>>> os.environ[CACHE_VARIABLE] = tempfile.mkdtemp()  # a scratch cache for the example
>>> source = pathlib.Path(tempfile.mkdtemp()) / "model.bin"; _ = source.write_bytes(b"weights")
>>> unpacked_arrays("example", source, lambda: {"w": np.arange(3)})["w"].tolist()
[0, 1, 2]
>>> unpacked_arrays("example", source, lambda: {"w": np.zeros(3)})["w"].tolist()  # kept by the first call
[0, 1, 2]
>>> _ = os.environ.pop(CACHE_VARIABLE) if before is None else os.environ.update({CACHE_VARIABLE: before})
"""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

#: the environment variable naming the cache folder
CACHE_VARIABLE = "NEWSTRAIL_CACHE"
#: the file written last into a cached folder: without it the folder is incomplete
_DONE = "complete"


def cache_folder() -> Path:
    """Where unpacked model files are kept (see the module docstring)."""
    if os.environ.get(CACHE_VARIABLE):
        return Path(os.environ[CACHE_VARIABLE])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newstrail"


def _checksum(path: Path) -> str:
    """What names a version of ``path``: its place, size and modification time (a new
    install or version of a model changes them; reading 30 MB at every start to hash the
    contents would cost more than the cache saves on a small batch)."""
    stat = path.stat()
    return hashlib.blake2b(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode(), digest_size=10).hexdigest()


def unpacked_arrays(name: str, source: Path, unpack: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The arrays ``unpack()`` makes of ``source``, read from the cache when an earlier run
    kept them (memory-mapped, read-only), else made now and kept for the next run."""
    folder = cache_folder() / f"{name}-{_checksum(source)}"
    damaged = False
    try:
        # the folder's last file names every array it holds: all or nothing is read
        keys = (folder / _DONE).read_text(encoding="utf-8").split()
    except OSError:
        pass  # not kept yet (or another process is writing it): unpacked below
    else:
        try:
            return {key: np.load(folder / f"{key}.npy", mmap_mode="r", allow_pickle=False) for key in keys}
        except (OSError, ValueError):
            damaged = True  # unpacked again below, and the copy replaced
    arrays = unpack()
    try:
        _keep(folder, arrays, replace=damaged)
    except OSError:
        pass  # no cache this time: the next run unpacks again
    return arrays


def unpacked_values(name: str, source: Path, unpack: Callable[[], Any]) -> Any:
    """What ``unpack()`` makes of ``source`` (plain values: dicts, lists, tuples, strings,
    bytes, numbers), read from the cache when an earlier run kept it, else made now and
    kept. ``marshal`` reads it back: ten times faster than rebuilding a tokenizer's
    vocabulary, and unlike pickle it runs no code."""
    path = cache_folder() / f"{name}-{_checksum(source)}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        pass  # not kept yet, or damaged: unpacked again below
    value = unpack()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_name(f".{path.name}-{os.getpid()}")
        scratch.write_bytes(marshal.dumps(value))
        os.replace(scratch, path)
    except OSError:
        pass  # no cache this time: the next run unpacks again
    return value


def _keep(folder: Path, arrays: dict[str, np.ndarray], replace: bool) -> None:
    folder.parent.mkdir(parents=True, exist_ok=True)
    # written beside, then renamed: a run reading the folder never sees it half written
    scratch = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for key, array in arrays.items():
            np.save(scratch / f"{key}.npy", np.ascontiguousarray(array), allow_pickle=False)
        (scratch / _DONE).write_text("\n".join(arrays), encoding="utf-8")
        if (folder / _DONE).exists() and not replace:
            # another process kept the same arrays first; a reader may be mapping them now
            shutil.rmtree(scratch, ignore_errors=True)
            return
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(scratch, folder)
    except OSError:
        shutil.rmtree(scratch, ignore_errors=True)
        if not (folder / _DONE).exists():
            raise
