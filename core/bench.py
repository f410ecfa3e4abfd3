"""Benchmarks: a synthetic Hindi news corpus, extraction speed, ingest speed.

SyntheticCorpus(seed).article(i) -> the text of one realistic article, composed
from benchmarks/templates.yaml (sentence shapes, filler, furniture) and the
gazetteer (officials, titles, countries, cities, months); the same seed gives the
same corpus. run_benchmarks(...) -> a printed table of articles per second.
"""
from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from core.extract.reader import make_article, read_inputs
from core.model import Article

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "benchmarks" / "templates.yaml"
NEWS2020 = ROOT.parent / "shared" / "corpus" / "news2020"
_SLOT = re.compile(r"\{(\w+)\}")


# ------------------------------------------------------------------ the generator

@dataclass(frozen=True)
class _Side:
    """One official as the generator writes them: title, name, country."""

    title: str
    name: str
    country_hi: str
    adj: str


class SyntheticCorpus:
    """Reproducible synthetic Hindi news articles: meetings, traps, filler and furniture."""

    def __init__(self, seed: int = 2020, templates: Path = TEMPLATES) -> None:
        from core.extract.gazetteer import load_gazetteer
        self.seed = seed
        self.t = yaml.safe_load(templates.read_text(encoding="utf-8"))
        gaz = load_gazetteer()
        titles: dict[str, list[str]] = defaultdict(list)
        for phrase, role in gaz.titles.items():
            titles[role].append(phrase)
        self.titles = dict(titles)
        self.countries = {c.iso3: c for c in gaz.countries.values() if c.iso3 != "CHN"}
        self.china = [o for o in gaz.officials.values() if o.country == "CHN" and o.hi]
        self.others = [o for o in gaz.officials.values()
                       if o.country in self.countries and o.hi]
        self.cities = [c.hi[0] for c in gaz.cities if c.kind != "venue"]
        self.months = list(dict((n, form) for form, n in reversed(gaz.months.items())).values())
        self.weekdays = list(dict.fromkeys(gaz.weekdays))
        self.topics = sorted(k.rstrip("*") for k in gaz.topics)
        self.agencies = list(gaz.agencies)
        self.planted = 0   # meeting dyads written so far (a sanity figure, not a gold standard)

    def article(self, i: int) -> str:
        """The text of article number i (deterministic for a seed and i)."""
        rng = random.Random(f"{self.seed}:{i}")
        kind = rng.choices(("meeting", "trap", "filler"), (45, 15, 40))[0]
        cn = self._chinese(rng)
        sentences = self._sentences(rng, kind, cn)
        lead = self._dateline(rng) if rng.random() < 0.6 else ""
        paragraphs = self._paragraphs(rng, sentences, lead)
        parts = []
        if rng.random() < 0.3:
            parts.append(f" date {2015 + rng.randrange(11)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}")
        if rng.random() < 0.5:
            parts.append(self._fill(rng, rng.choice(self.t["headline"]), cn))
        parts += paragraphs
        if rng.random() < 0.3:
            parts.insert(len(parts) // 2 + 1, self._fill(rng, rng.choice(self.t["furniture"]["inline"]), cn))
        if rng.random() < 0.3:
            parts.append(self._fill(rng, rng.choice(self.t["furniture"]["tail"]), cn))
        return "\n\n".join(parts) + "\n"

    def _sentences(self, rng: random.Random, kind: str, cn: _Side) -> list[str]:
        """The article's sentences: meetings with their topics, traps, and filler."""
        pool = self.t["filler"]
        # Each filler sentence once before any repeats, as a real article rarely repeats itself.
        picks = [t for _ in range(3) for t in rng.sample(pool, len(pool))][:rng.randint(8, 20)]
        out = [self._fill(rng, template, cn) for template in picks]
        if kind == "meeting":
            for _ in range(rng.randint(1, 3)):
                at = rng.randrange(min(3, len(out)) + 1)
                topic = self._fill(rng, rng.choice(self.t["topic"]), cn)
                out[at:at] = [self._fill(rng, rng.choice(self.t["meeting"]), cn, planting=True), topic]
        elif kind == "trap":
            out.insert(0, self._fill(rng, rng.choice(self.t["not_meeting"]), cn))
        return out

    def _paragraphs(self, rng: random.Random, sentences: list[str], lead: str) -> list[str]:
        """Sentences grouped into paragraphs of one to four, the dateline first."""
        paragraphs, i = [], 0
        while i < len(sentences):
            n = rng.randint(1, 4)
            paragraphs.append(" ".join(sentences[i:i + n]))
            i += n
        paragraphs[0] = (lead + " " + paragraphs[0]).strip()
        return paragraphs

    def _dateline(self, rng: random.Random) -> str:
        """'<city>, <day> <month> (<agency>)।'"""
        return f"{rng.choice(self.cities)}, {rng.randint(1, 28)} {rng.choice(self.months)} ({rng.choice(self.agencies)})।"

    def _fill(self, rng: random.Random, template: str, cn: _Side, planting: bool = False) -> str:
        """A template with its slots filled; counts planted dyads for meeting templates."""
        def slot(match: re.Match) -> str:
            return self._slot(rng, match[1], cn, planting)
        return " ".join(_SLOT.sub(slot, template).split(" ")).replace("  ", " ").replace(" ।", "।")

    def _slot(self, rng: random.Random, name: str, cn: _Side, planting: bool) -> str:
        """One slot's text."""
        if name == "cn":
            return f"{cn.adj} {cn.title} {cn.name}"
        if name == "cn_name":
            return cn.name.split()[0]
        if name in ("cp", "cp_adj"):
            side = self._counterpart(rng)
            self.planted += planting
            return f"{side.adj} {side.title} {side.name}" if name == "cp_adj" \
                else f"{side.country_hi} के {side.title} {side.name}"
        if name == "cp_list":
            sides = [self._counterpart(rng) for _ in range(rng.randint(2, 3))]
            self.planted += planting * len(sides)
            names = [f"{s.country_hi} के {s.title} {s.name}" for s in sides]
            return ", ".join(names[:-1]) + " और " + names[-1]
        if name == "when":
            return self._when(rng)
        if name == "where":
            return rng.choice(("", f"{rng.choice(self.cities)} में"))
        if name in ("topic", "topic2"):
            return rng.choice(self.topics)
        if name == "city":
            return rng.choice(self.cities)
        if name == "country":
            return rng.choice(list(self.countries.values())).hi[0]
        if name == "n":
            return str(rng.randint(2, 48))
        raise KeyError(f"unknown slot {{{name}}} in {TEMPLATES.name}")

    def _when(self, rng: random.Random) -> str:
        """A date expression: day and month, with a year, a weekday, or nothing."""
        day, month = rng.randint(1, 28), rng.choice(self.months)
        return rng.choice(("", f"{day} {month} को", f"{day} {month} {2015 + rng.randrange(11)} को",
                           f"{rng.choice(self.weekdays)} को", "कल"))

    def _chinese(self, rng: random.Random) -> _Side:
        """A Chinese official with a title matching their latest role."""
        person = rng.choice(self.china)
        title = rng.choice(self.titles.get(person.roles[-1].role if person.roles else "other",
                                           ["नेता"]))
        return _Side(title, rng.choice(person.hi), "चीन", "चीनी")

    def _counterpart(self, rng: random.Random) -> _Side:
        """A foreign official: mostly from the gazetteer, sometimes a name it does not know."""
        if rng.random() < 0.2:
            country = rng.choice(list(self.countries.values()))
            role = rng.choice(("foreign_minister", "head_of_state", "ambassador", "minister"))
            name = rng.choice(self.t["unknown_names"])
        else:
            person = rng.choice(self.others)
            country = self.countries[person.country]
            role, name = (person.roles[-1].role if person.roles else "other"), rng.choice(person.hi)
        title = rng.choice(self.titles.get(role, ["अधिकारी"]))
        adj = country.adj[0] if country.adj else f"{country.hi[0]} के"
        return _Side(title, name, country.hi[0], adj)


# ------------------------------------------------------------------ measurements

@dataclass
class Figure:
    """One benchmark row."""

    name: str
    articles: int
    seconds: float
    meetings: int | None = None
    note: str = ""

    @property
    def rate(self) -> float:
        """Articles per second."""
        return self.articles / self.seconds if self.seconds else float("inf")


def time_extraction(articles: list[Article]) -> tuple[float, int]:
    """(seconds, meetings found) of extract_meetings over articles, in this one process."""
    from core.extract import extract_meetings
    started, found = time.perf_counter(), 0
    for article in articles:
        found += len(extract_meetings(article))
    return time.perf_counter() - started, found


LONG_CLAUSE = "चीन के वांग यी ने नेपाल के मंत्री से मुलाकात की और "


def long_inputs() -> list[Figure]:
    """Adversarial lengths: one sentence of 8 to 64 KB without a danda, and one article of
    5,000 meeting sentences with 5,000 different people. The work must grow linearly."""
    figures = []
    for kb in (8, 16, 32, 64):
        article = Article(f"long-sentence-{kb}kb.txt", LONG_CLAUSE * (kb * 1024 // len(LONG_CLAUSE.encode())))
        seconds, found = time_extraction([article])
        figures.append(Figure(f"extract, one {kb} KB sentence without a danda", 1, seconds, found))
    given = ("अमित", "सुरेश", "रमेश", "अनिल", "विनय", "राजेश", "मनोज", "दीपक", "संजय", "राहुल")
    family = ("शर्मा", "वर्मा", "गुप्ता", "सिंह", "यादव", "मेहता", "जोशी", "पांडे", "मिश्रा", "राव")
    lines = [f"चीनी विदेश मंत्री वांग यी ने {i % 28 + 1} मार्च को नेपाल के विदेश मंत्री {given[i % 10]} "
             f"{family[i // 10 % 10]} {given[i // 100 % 10]} {family[i // 1000 % 10]} से मुलाकात की।"
             for i in range(5000)]
    seconds, found = time_extraction([Article("5000-meetings.txt", "\n".join(lines))])
    figures.append(Figure("extract, one article of 5,000 meeting sentences", 1, seconds, found))
    return figures


def time_events(path: Path, meetings: int, seed: int) -> Figure:
    """Seconds to rebuild every event of a synthetic database of `meetings` reports."""
    import duckdb

    from core.store import batch
    from core.synth import build_synthetic_db
    build_synthetic_db(path, meetings, seed)
    with duckdb.connect(str(path)) as con:
        started = time.perf_counter()
        batch.rebuild_events(con)
        seconds = time.perf_counter() - started
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    return Figure(f"events, rebuilt from {meetings:,} synthetic meetings", meetings, seconds, events,
                  "the 'meetings' column counts events")


def warm_up() -> float:
    """Seconds to load the gazetteer and build the extractor (paid once per process)."""
    from core.extract import extract_meetings
    started = time.perf_counter()
    extract_meetings(Article(source="warm-up", text="चीनी विदेश मंत्री वांग यी ने नेपाल के विदेश मंत्री से मुलाकात की।"))
    return time.perf_counter() - started


def time_ingest(texts: list[str], workdir: Path) -> Figure:
    """`python -m core ingest` of the texts as .txt files into a fresh DuckDB file, end to end."""
    folder = workdir / "articles"
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    db = workdir / "bench.duckdb"
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "core", "ingest", str(folder), "--db", str(db), "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=True)
    seconds = time.perf_counter() - started
    counts = dict(line.split(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    inner = re.search(r" in ([\d.]+) s \((.*)\)$", done.stdout.strip())
    note = (f"new {counts.get('new')}; ingest() {inner[1]} s: {inner[2]}; rest is start-up"
            if inner else f"new {counts.get('new')}")
    return Figure("ingest, synthetic -> fresh DuckDB (CLI, end to end)", len(texts), seconds,
                  int(counts.get("meetings added", 0)), note)


def real_corpus(folder: Path) -> list[Article]:
    """The articles of a real corpus folder (its sub-folders; top-level notes are skipped)."""
    subfolders = sorted(p for p in folder.iterdir() if p.is_dir())
    return [item for item in read_inputs(subfolders or [folder]) if isinstance(item, Article)]


def run_benchmarks(n_articles: int = 10_000, seed: int = 2020, corpus: Path | None = None,
                   n_extract: int = 2000) -> str:
    """Run every benchmark and return the table."""
    figures: list[Figure] = []
    warm = warm_up()
    synth = SyntheticCorpus(seed)
    started = time.perf_counter()
    texts = [synth.article(i) for i in range(max(n_articles, n_extract))]
    generated = time.perf_counter() - started
    sample = [make_article(f"synthetic/{i:06d}.txt", t) for i, t in enumerate(texts[:n_extract])]
    sample = [a for a in sample if isinstance(a, Article)]
    planted = SyntheticCorpus(seed)
    for i in range(len(sample)):
        planted.article(i)
    seconds, found = time_extraction(sample)
    figures.append(Figure("extract, synthetic (1 process)", len(sample), seconds, found,
                          f"{planted.planted} dyads planted"))
    real = corpus or NEWS2020
    if real.is_dir():
        articles = real_corpus(real)
        seconds, found = time_extraction(articles)
        figures.append(Figure(f"extract, {real.name} (1 process)", len(articles), seconds, found,
                              f"{sum(len(a.text) for a in articles) // 1024} KB of text"))
    figures += long_inputs()
    with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
        figures.append(time_ingest(texts[:n_articles], Path(workdir)))
        figures.append(time_events(Path(workdir) / "events.duckdb", n_articles * 10, seed))
    return format_table(figures, warm, generated, len(texts), seed)


def format_table(figures: list[Figure], warm: float, generated: float, n_generated: int, seed: int) -> str:
    """A plain-text table of the figures, with the machine it ran on."""
    head = f"{'benchmark':<52} {'articles':>8} {'seconds':>8} {'art/s':>8} {'meetings':>8}  note"
    rows = [f"{f.name:<52} {f.articles:>8} {f.seconds:>8.2f} {f.rate:>8.0f} "
            f"{'' if f.meetings is None else f.meetings:>8}  {f.note}" for f in figures]
    cpu = os.cpu_count()
    foot = [f"gazetteer load + extractor build: {warm:.2f} s once per process (not in the rates above)",
            f"generated {n_generated} synthetic articles (seed {seed}) in {generated:.1f} s; "
            f"{cpu} CPU cores; Python {sys.version.split()[0]}"]
    return "\n".join([head, "-" * len(head), *rows, *foot])
