"""Two versions of newstrail, alternated: the cost of a batch alone and added to a corpus.

    python bench/scale_pairs.py --batch add-1000.jsonl \\
        --side before=OLD/src:OLD_CORPUS.db --side after=NEW/src:NEW_CORPUS.db [--rounds 2]

On a shared machine, CPU seconds grow with the load, and two runs minutes apart are not
comparable. This runs the two versions one after the other, ``--rounds`` times. Each side is
a source folder (for example ``git archive COMMIT src | tar -x -C OLD``) and a corpus store
that version can open. The store is made by ``bench/scale.py ... --keep DIR``, kept as
``DIR/corpus_SIZE-replicated.db``; a store of a newer schema needs its own copy. A run is
``bench/scale.py``'s own child, with its stopwatches: the batch into an empty store, then
into a fresh copy of the corpus. One JSON line is printed per run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import run  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batch", required=True, help="the JSONL batch added (bench/scale.py's add-1000.jsonl)")
    parser.add_argument("--side", action="append", required=True, metavar="NAME=SRC:CORPUS",
                        help="a version: its name, its source folder (put on PYTHONPATH) and its corpus store")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    sides = {}
    for side in args.side:
        name, _, rest = side.partition("=")
        source, _, corpus = rest.partition(":")
        sides[name] = (source, corpus)
    folder = Path(tempfile.mkdtemp(prefix="newstrail-pairs-"))
    try:
        for number in range(1, args.rounds + 1):
            for name, (source, corpus) in sides.items():
                os.environ["PYTHONPATH"] = source  # the child imports this version
                for into in ("alone", "corpus"):
                    db = folder / f"{name}-{number}-{into}.db"
                    if into == "corpus":
                        shutil.copy(corpus, db)
                    r = run([args.batch], str(db), None, folder)
                    stages = r["stages"]
                    print(json.dumps({"round": number, "side": name, "into": into, "cpu": round(r["cpu"], 1),
                                      "peak_mb": round(r["peak_mb"]), "link": round(stages.get("link", 0.0), 1),
                                      "translations": round(stages.get("link: translations", 0.0), 1)}), flush=True)
                    for path in folder.glob(f"{db.name}*"):
                        path.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
