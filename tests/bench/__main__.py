"""`python -m tests.bench [--scale N] [--json FILE] [--only NAME]`: run every benchmark.

Prints, for each figure, the project's number, the baseline measured in the
same run and their ratio. Not part of the test suite.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.bench.harness import Context, new_workdir  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.bench")
    ap.add_argument("--scale", type=float, default=1.0, help="1.0 = the sizes the issues name (1M cases ...)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    ap.add_argument("--only", action="append", default=[],
                    help="run only these modules (core, queue, kb, sync, monitor)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--markdown", type=Path, default=None, help="also write the figures as a Markdown table")
    args = ap.parse_args(argv)
    names = sorted(p.stem.removeprefix("bench_") for p in Path(__file__).parent.glob("bench_*.py"))
    if args.only:
        names = [n for n in names if n in args.only]
    ctx = Context(args.scale, new_workdir())
    results = []
    try:
        for name in names:
            mod = importlib.import_module(f"tests.bench.bench_{name}")
            t = time.perf_counter()
            print(f"== {name}", flush=True)
            for fig in mod.run(ctx):
                results.append({"module": name, **fig.as_dict()})
                print(f"  {fig.name:<48} {fig.value:>12.4g} {fig.unit:<8} baseline {fig.baseline:>10.4g} "
                      f"({fig.baseline_name})  ratio {fig.ratio:7.2f}  {fig.target}", flush=True)
            print(f"   ({time.perf_counter() - t:.0f} s)", flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(ctx.workdir, ignore_errors=True)
        else:
            print(f"work folder kept: {ctx.workdir}")
    if args.json:
        args.json.write_text(json.dumps({"scale": args.scale, "figures": results}, ensure_ascii=False, indent=2))
    if args.markdown:
        args.markdown.write_text(markdown_table(results), "utf-8")
    return 0


def markdown_table(results: list[dict]) -> str:
    """The figures as a Markdown table: value, baseline, ratio, target."""
    lines = ["| area | figure | value | baseline | ratio | target |", "|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['module']} | {r['name']} | {r['value']:.4g} {r['unit']} | {r['baseline']:.4g} "
                     f"({r['baseline_name']}) | {r['ratio']:.2f} | {r['target']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
