"""The command line: python -m core ingest | extract | export | evaluate | bench.

main(argv) -> exit code. 0 on success (a batch with rejected inputs is a success:
the reasons are printed and logged), 1 when the work could not be done, 2 on usage
errors, 3 when an ingest rejected every input and stored nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb

from core.extract.reader import Rejected, read_inputs
from core.model import Article
from core.store import DEFAULT_DB, LOCK_TIMEOUT, DatabaseUnreadable, ExtractorBroken, IngestBusy, IngestReport, ingest
from core.store.batch import Progress

NOTHING_INGESTED = 3  # exit code: every input was rejected, nothing went in
SHOWN = 50           # reason lines printed per kind; the ingest_log table keeps every one
LARGE_INPUT = 1000   # items from which a progress bar is shown even when stderr is not a TTY


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments and run one command."""
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8")   # Devanagari even under a C locale
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per task."""
    parser = argparse.ArgumentParser(prog="python -m core", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("ingest", help="read articles, extract meetings, store them")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .jsonl, .csv files or folders")
    p.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"database file (default {DEFAULT_DB})")
    p.add_argument("--lock-timeout", type=float, default=LOCK_TIMEOUT,
                   help="seconds to wait for another ingest to finish (default %(default)s)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--reextract", action="store_true",
                   help="extract articles already stored again and replace their meetings")
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                   help="extraction processes for large batches (default %(default)s)")
    p.set_defaults(run=run_ingest)

    p = commands.add_parser("extract", help="print meeting records as JSON lines, no database")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.set_defaults(run=run_extract)

    p = commands.add_parser("export", help="write filtered meetings as csv, jsonl or parquet")
    _export_arguments(p)
    p.set_defaults(run=run_export)

    p = commands.add_parser("evaluate", help="precision, recall, F1 against a gold file")
    p.add_argument("gold", type=Path)
    p.add_argument("system", type=Path)
    p.add_argument("--verbose", action="store_true", help="list missed, spurious and wrong records")
    p.add_argument("--calibration", action="store_true",
                   help="then the precision of the records per confidence band and per reason")
    p.set_defaults(run=run_evaluate)

    p = commands.add_parser("bench", help="extraction and ingest speed on a synthetic corpus")
    p.add_argument("--articles", type=int, default=10_000, help="synthetic articles to ingest")
    p.add_argument("--extract-articles", type=int, default=2000,
                   help="synthetic articles to time extraction on")
    p.add_argument("--seed", type=int, default=2020)
    p.add_argument("--corpus", type=Path, default=None,
                   help="a real corpus folder to time extraction on (default: ../shared/corpus/news2020)")
    p.set_defaults(run=run_bench)
    return parser


# ------------------------------------------------------------------ ingest

def run_ingest(args: argparse.Namespace) -> int:
    """Ingest the paths and print the summary and every rejection reason."""
    progress, close = _progress_bar(enabled=not args.quiet)
    try:
        report = ingest(args.paths, args.db, progress, lock_timeout=args.lock_timeout,
                        workers=_workers(args.workers), reextract=args.reextract)
    except IngestBusy as busy:
        print(f"error: {busy}; try again when it has finished", file=sys.stderr)
        return 1
    except (ExtractorBroken, DatabaseUnreadable, RuntimeError) as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    except (OSError, duckdb.Error) as failure:     # a full disk, a folder without write access
        print(f"error: cannot write {args.db}: {_one_line(failure)}; nothing was changed", file=sys.stderr)
        return 1
    finally:
        close()
    print(format_report(report))
    return NOTHING_INGESTED if report.rejected and not report.new and not report.duplicate else 0


def _one_line(error: BaseException) -> str:
    """An exception as one line: an OSError's own words, else its first line."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror + (f" ({error.filename})" if error.filename else "")
    return (str(error).splitlines() or [type(error).__name__])[0][:200]


def _workers(asked: int) -> int:
    """Worker processes: at least one, at most one per core (more only slow a batch down)."""
    cores = os.cpu_count() or 1
    if asked > cores:
        print(f"note: --workers {asked} is more than the {cores} cores here; using {cores}", file=sys.stderr)
    return max(1, min(asked, cores))


def format_report(report: IngestReport) -> str:
    """The ingest summary: counts, then one line per rejected or skipped input."""
    lines = [
        f"database: {report.db_path}",
        f"articles read: {report.read}",
        f"new: {report.new}",
        f"duplicate: {report.duplicate}",
        f"rejected: {report.rejected}",
        f"skipped: {report.skipped}",
        f"meetings added: {report.meetings_added}",
    ]
    lines += _capped([f"  {_printable(source)}: {reason}" for source, reason in report.reasons], "rejected or skipped")
    lines += _capped([f"  {_printable(source)}: no meeting found" for source in report.no_meeting],
                     "with no meeting")
    lines += [f"warning: {warning}" for warning in report.warnings]
    phases = ", ".join(f"{name} {seconds:.1f}" for name, seconds in report.timings.items())
    lines.append(f"batch {report.batch_id} in {report.seconds:.1f} s ({phases})")
    return "\n".join(lines)


def _printable(path: str) -> str:
    """A file name on one line: a newline or carriage return in it is shown escaped."""
    return path.replace("\r", "\\r").replace("\n", "\\n")


def _capped(lines: list[str], what: str) -> list[str]:
    """At most SHOWN lines, then how many more the ingest_log table holds."""
    if len(lines) <= SHOWN:
        return lines
    return lines[:SHOWN] + [f"  ... and {len(lines) - SHOWN} more {what} (all in the ingest_log table)"]


def _progress_bar(enabled: bool) -> tuple[Progress, Callable[[], None]]:
    """A progress(done, total) callback drawing a tqdm bar on stderr, and its closer."""
    state: dict = {}

    def progress(done: int, total: int) -> None:
        if "bar" not in state:
            show = enabled and (sys.stderr.isatty() or total >= LARGE_INPUT)
            state["bar"] = _tqdm(total, show)
        bar = state["bar"]
        if bar is not None:
            bar.update(done - bar.n)

    def close() -> None:
        if state.get("bar") is not None:
            state["bar"].close()

    return progress, close


def _tqdm(total: int, show: bool):
    """A tqdm bar, or None when it should not be shown."""
    if not show:
        return None
    from tqdm import tqdm
    return tqdm(total=total, unit="article", file=sys.stderr, mininterval=0.5)


# ------------------------------------------------------------------ extract

def run_extract(args: argparse.Namespace) -> int:
    """Print every meeting as one contract JSON line; rejections go to stderr."""
    from core.extract import extract_meetings
    for item in read_inputs(args.paths):
        if isinstance(item, Rejected):
            print(f"{item.status} {item.source}: {item.reason}", file=sys.stderr)
            continue
        for record in _records(item, extract_meetings):
            print(json.dumps(record, ensure_ascii=False))
    sys.stdout.flush()
    return 0


def _records(article: Article, extract: Callable) -> list[dict]:
    """The contract records of one article; an extractor crash is reported, not raised."""
    try:
        return [meeting.contract() for meeting in extract(article)]
    except Exception as error:  # noqa: BLE001 - one article must not stop the run
        print(f"error {article.source}: extraction failed ({type(error).__name__}: {error})",
              file=sys.stderr)
        return []


# ------------------------------------------------------------------ export

def _export_arguments(p: argparse.ArgumentParser) -> None:
    """The export command's options: the dashboard's filters, one flag per Filters field."""
    from core.model import MODES, ROLES, TOPICS
    from core.store.filters import SCRIPTS
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--format", choices=("csv", "jsonl", "parquet"), required=True)
    p.add_argument("--level", choices=("events", "reports"), default="events",
                   help="one row per meeting (events, default) or per article's report of it (reports)")
    p.add_argument("--out", type=Path, default=None,
                   help="output file (default: standard output; parquet needs --out)")
    p.add_argument("--from", dest="date_from", type=_iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--country", dest="countries", action="append", type=_iso3, default=[],
                   metavar="ISO3", help="counterpart country (repeatable)")
    p.add_argument("--region", dest="regions", action="append", default=[],
                   help="UN M49 region of the counterpart's country (repeatable)")
    p.add_argument("--official", dest="counterpart_officials", action="append", default=[],
                   metavar="ID", help="counterpart official id (repeatable)")
    p.add_argument("--china", dest="china_officials", action="append", default=[],
                   metavar="ID", help="Chinese official id (repeatable)")
    p.add_argument("--role", dest="roles", action="append", choices=ROLES, default=[])
    p.add_argument("--topic", dest="topics", action="append", choices=TOPICS, default=[])
    p.add_argument("--mode", dest="modes", action="append", choices=MODES, default=[])
    p.add_argument("--search", dest="text", default="", metavar="TEXT",
                   help="text in names, titles or evidence")
    p.add_argument("--script", choices=SCRIPTS, default="deva", help="script of the names")


def _iso_date(value: str) -> date:
    """argparse type: a YYYY-MM-DD date."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _iso3(value: str) -> str:
    """argparse type: an ISO 3166-1 alpha-3 code, upper-cased."""
    if not re.fullmatch(r"[A-Za-z]{3}", value):
        raise argparse.ArgumentTypeError(f"not an ISO-3 country code: {value!r}")
    return value.upper()


def export_filters(args: argparse.Namespace):
    """The dashboard's Filters value from the export options."""
    from core.store.filters import Filters, clean_text
    lists = ("countries", "regions", "china_officials", "counterpart_officials", "roles", "topics", "modes")
    return Filters(date_from=args.date_from, date_to=args.date_to, text=clean_text(args.text),
                   script=args.script, **{name: tuple(dict.fromkeys(getattr(args, name))) for name in lists})


def run_export(args: argparse.Namespace) -> int:
    """Write the meetings the filters select, through the dashboard's own query and encoders."""
    from core.store import read_connection
    from core.store.filters import from_query, to_query
    from core.store.queries import filter_options, filtered_events, filtered_meetings
    if args.format == "parquet" and args.out is None:
        print("error: --format parquet needs --out FILE", file=sys.stderr)
        return 2
    if args.out is not None and (args.out.is_dir() or not args.out.parent.is_dir()):
        where = "is a directory" if args.out.is_dir() else f"is in a folder that does not exist ({args.out.parent})"
        print(f"error: --out {args.out} {where}", file=sys.stderr)
        return 2
    try:
        with read_connection(args.db) as con:
            # The dashboard's own validation: a value that does not exist is named, not
            # silently matched by nothing ("--country ZZZ", "--from" after "--to").
            wanted = export_filters(args)
            checked, notices = from_query(to_query(wanted), filter_options(con))
            if args.text and not wanted.text:
                notices.append(f"Ignored q={args.text!r}: nothing to search for once control characters are removed.")
            if notices:
                for notice in notices:
                    print(f"error: {notice} Nothing was exported.", file=sys.stderr)
                return 2
            df = filtered_events(con, checked) if args.level == "events" else filtered_meetings(con, checked)
    except (FileNotFoundError, DatabaseUnreadable) as missing:
        print(f"error: {missing}", file=sys.stderr)
        return 1
    try:
        _write_export(df, args.format, args.out)
    except OSError as failure:
        print(f"error: cannot write {args.out}: {_one_line(failure)}", file=sys.stderr)
        return 1
    what = "events" if args.level == "events" else "meetings"
    print(f"exported {len(df)} {what}{f' to {args.out}' if args.out else ''}", file=sys.stderr)
    return 0


def _write_export(df, fmt: str, out: Path | None) -> None:
    """CSV and JSON lines through core.views.export's encoders; parquet with the list columns kept."""
    from core.views.export import to_csv_bytes, to_json_bytes
    if fmt == "parquet":
        df.to_parquet(out, index=False)
        return
    if fmt == "csv":
        data = to_csv_bytes(df)
    else:   # one object per line, serialised exactly as the dashboard's JSON download
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in json.loads(to_json_bytes(df)))
        data = data.encode("utf-8")
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        out.write_bytes(data)


# ------------------------------------------------------------------ evaluate, bench

def run_evaluate(args: argparse.Namespace) -> int:
    """Print the scorer's lines for a gold file and a system file."""
    from core.evaluate import evaluate
    for path in (args.gold, args.system):
        if not path.is_file():
            print(f"error: no such file: {path}", file=sys.stderr)
            return 1
    for line in evaluate(args.gold, args.system, verbose=args.verbose, calibration=args.calibration):
        print(line)
    return 0


def run_bench(args: argparse.Namespace) -> int:
    """Run the benchmarks and print their table."""
    from core.bench import run_benchmarks
    print(run_benchmarks(n_articles=args.articles, seed=args.seed, corpus=args.corpus,
                         n_extract=args.extract_articles))
    return 0
