"""A quick look at the chains generator (now :mod:`newstrail.eval.chains`):

    python bench/chains.py 50 7
"""

from __future__ import annotations

import json
import sys

from newstrail.eval.chains import generate

if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    records, truth = generate(n, int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    for rec in records[:3]:
        print(json.dumps(rec, indent=1, ensure_ascii=False))
    print(json.dumps({k: v[:5] if isinstance(v, list) else v for k, v in truth.items() if k != "outlets"}, indent=1, ensure_ascii=False)[:6000])
