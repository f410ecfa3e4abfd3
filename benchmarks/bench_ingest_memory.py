"""Peak memory of `python -m core ingest` on one large JSONL file (ingest streams its input).

Run from the project root:  .venv/bin/python benchmarks/bench_ingest_memory.py [MEGABYTES]

Writes a JSONL of about MEGABYTES (default 200) of short Hindi articles with no meeting
into a temporary folder, ingests it into a fresh database in a child process, and prints
the child's peak resident memory (Linux `ru_maxrss`) and the wall time.
"""
from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("शहर में आज मौसम साफ रहा और तापमान डिग्री दर्ज किया गया नगर निगम ने सड़क की मरम्मत का काम "
         "शुरू किया बाजार में भीड़ रही").split()


def write_jsonl(path: Path, megabytes: int, seed: int = 1) -> int:
    """About `megabytes` MB of one-article lines; returns the number of lines."""
    rng, size, n = random.Random(seed), 0, 0
    with path.open("w", encoding="utf-8") as handle:
        while size < megabytes * 2**20:
            text = " ".join(rng.choice(WORDS) for _ in range(400)) + f" संख्या {n}।"
            line = json.dumps({"text": text}, ensure_ascii=False) + "\n"
            handle.write(line)
            size, n = size + len(line.encode()), n + 1
    return n


def main(megabytes: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as folder:
        data, db = Path(folder) / "big.jsonl", Path(folder) / "m.duckdb"
        lines = write_jsonl(data, megabytes)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "core", "ingest", str(data), "--db", str(db), "--quiet"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"ingest of {data.stat().st_size / 2**20:.0f} MB JSONL ({lines:,} articles): "
              f"peak memory {peak:.0f} MB, {seconds:.0f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
