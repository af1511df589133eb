"""Go-live imports at growing sizes: the sample pack at each --scales, loaded into a new store of
DATABASE by a separate process (scripts/golive_sample_load.py), its wall time and peak memory
measured, and the time per row compared across sizes (linear growth: the same per row).

    python scripts/benchmark_golive.py DATABASE [--scales 1,5,10] [--out docs/benchmarks.md]

Appends a "Go-live import" section to --out. The ×10 pack is 20 000 part receipts, 30 000
customers' vehicles and about 167 000 history rows."""

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import golive_sample


def run(database, scale, workdir):
    pack = os.path.join(workdir, f"pack-{scale}")
    counts = golive_sample.generate(pack, scale)
    rows = sum(counts.values())
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    result = subprocess.run(
        [
            sys.executable,
            os.path.join(HERE, "golive_sample_load.py"),
            database,
            pack,
            "--store",
            f"期初导入基准 ×{scale} {time.time():.0f}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if result.returncode:
        sys.stderr.write(result.stdout[-2000:] + result.stderr[-4000:])
        raise SystemExit(f"the ×{scale} import failed")
    return {"scale": scale, "rows": rows, "counts": counts, "seconds": seconds, "peak_mib": max(peak, before) / 1024}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("database")
    parser.add_argument("--scales", default="1,5,10")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(HERE), "docs", "benchmarks.md"))
    args = parser.parse_args()
    scales = [float(scale) for scale in args.scales.split(",")]
    with tempfile.TemporaryDirectory() as workdir:
        results = [run(args.database, scale, workdir) for scale in scales]
    base = results[0]["seconds"] / results[0]["rows"]
    lines = [
        "\n## Go-live import: the sample pack at growing sizes\n",
        (
            "Each pack imported into a new store of the benchmark database by its own process (check and "
            "import in one transaction); the time per row against the smallest pack's shows whether the "
            "cost grows linearly with the rows.\n"
        ),
        (
            "| pack | part receipts | customers' vehicles | history | all rows | time | per 1 000 rows "
            "| vs the smallest | peak memory |"
        ),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        per_row = result["seconds"] / result["rows"]
        counts = result["counts"]
        lines.append(
            f"| ×{result['scale']:g} | {counts['parts']:,} | {counts['customers']:,} | {counts['history']:,} | "
            f"{result['rows']:,} | {result['seconds']:,.0f} s | {per_row * 1000:.2f} s | {per_row / base:.2f}× | "
            f"{result['peak_mib']:,.0f} MiB |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    with open(args.out, "a", encoding="utf-8") as out:
        out.write(text)


if __name__ == "__main__":
    main()
