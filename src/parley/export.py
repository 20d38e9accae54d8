"""Exports of a store: Parquet partitioned by date, CSV, and GDELT 2.0 event-table TSV.

Parquet and CSV carry the store's tables as they are (articles with their cluster and duplicate_of,
quotes, events). The GDELT export carries distinct story events: each event of a near-duplicate
cluster once, with NumMentions/NumArticles/NumSources counted over the cluster's copies, in the 61
columns of the GDELT 2.0 Event Codebook, tab-separated, no header unless asked.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from parley.errors import StoreError
from parley.store import Store
from parley.store.rows import BODY_SQL

# The GDELT 2.0 event table, in its documented order (GDELT Event Codebook V2.0).
_ACTOR = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code")
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR), *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GEO), *(f"Actor2Geo_{c}" for c in _GEO), *(f"ActionGeo_{c}" for c in _GEO),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

# CAMEO actor type codes (the three-letter role segments after a country code).
_TYPES = frozenset((
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL", "REF", "AGR",
    "ELI", "LAB", "LEG", "HLH", "RAD", "REL", "UAF", "INS", "SEP", "MOD", "IGO", "NGO", "NGM", "MNC", "IMG",
    "SET", "DEV", "ENV", "HRI", "AMN", "IRC", "GRP",
))
_TRANSNATIONAL = frozenset(("IGO", "NGO", "NGM", "MNC", "IMG"))
# CAMEO region codes that stand where a country code would
_REGIONS = frozenset(("AFR", "ASA", "BLK", "CAS", "CAU", "CFR", "EAF", "EEU", "EIN", "EUR", "LAM", "MEA", "MDT",
                      "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SEA", "SCN", "WAF", "WST", "CRB", "NAM", "BAL"))

_TABLES = {
    "articles": (
        "SELECT a.id, a.title, a.section, a.standfirst, a.byline, a.published, a.day, a.language, a.format, a.path, "
        f"a.url, a.domain, a.record, a.text, {BODY_SQL.format(p='a.')} AS body, a.captions, a.related, a.removed, "
        "a.first_seen, a.duplicate_of, d.cluster FROM articles a LEFT JOIN dedup d ON d.article_id = a.id"
    ),
    "quotes": (
        "SELECT q.*, a.day, d.cluster FROM quotes q JOIN articles a ON a.id = q.article_id "
        "LEFT JOIN dedup d ON d.article_id = q.article_id"
    ),
    "events": "SELECT e.*, d.cluster FROM events e LEFT JOIN dedup d ON d.article_id = e.article_id",
}


def export_parquet(store: Store, out: str | Path) -> dict[str, Path]:
    """Write articles/, quotes/, events/ under out as Parquet datasets partitioned by day (hive: day=YYYY-MM-DD).

    Rows without a date land in day=__HIVE_DEFAULT_PARTITION__; read back with
    read_parquet('out/events/**/*.parquet', hive_partitioning=true) or pyarrow.dataset.
    """
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    written = {}
    for table, sql in _TABLES.items():
        target = root / table
        store.copy_to(sql, str(target), "FORMAT parquet, PARTITION_BY (day), OVERWRITE_OR_IGNORE, COMPRESSION zstd")
        written[table] = target
    return written


def export_csv(store: Store, out: str | Path) -> dict[str, Path]:
    """Write articles.csv, quotes.csv, events.csv (with header) under out; lists are written as JSON-like text."""
    root = Path(out)
    root.mkdir(parents=True, exist_ok=True)
    written = {}
    for table, sql in _TABLES.items():
        target = root / f"{table}.csv"
        store.copy_to(sql, str(target), "FORMAT csv, HEADER true")
        written[table] = target
    return written


def split_actor(code: str | None) -> dict[str, str]:
    """GDELT's actor attribute fields of a CAMEO actor code: 'RUSGOV' -> country RUS, type GOV."""
    fields = {"Code": code or "", "CountryCode": "", "KnownGroupCode": "", "EthnicCode": "", "Religion1Code": "",
              "Religion2Code": "", "Type1Code": "", "Type2Code": "", "Type3Code": ""}
    if not code:
        return fields
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    types: list[str] = []
    rest = parts
    if parts[0] not in _TYPES:
        fields["CountryCode"] = parts[0]
        rest = parts[1:]
    for part in rest:
        if part in _TYPES:
            types.append(part)
        elif part in _REGIONS and not fields["CountryCode"]:
            fields["CountryCode"] = part
        elif not fields["KnownGroupCode"] and ((types and types[0] in _TRANSNATIONAL) or part not in _REGIONS):
            fields["KnownGroupCode"] = part
    for n, t in enumerate(types[:3], 1):
        fields[f"Type{n}Code"] = t
    return fields


def _gdelt_query() -> str:
    events = """
        SELECT coalesce(d.cluster, e.article_id) AS cluster, e.source_code, e.target_code, e.cameo, e.quad_class,
            e.goldstein, CASE WHEN e.date IS NOT NULL AND e.day IS NOT NULL THEN e.day ELSE coalesce(c.day, e.day) END AS day,
            e.article_id, e.source_name, e.target_name, d.domain, a.first_seen, a.url,
            e.start < coalesce(nullif(strpos(a.text, chr(10) || chr(10)), 0), length(a.text) + 1) AS in_lead
        FROM events e JOIN articles a ON a.id = e.article_id
        LEFT JOIN dedup d ON d.article_id = e.article_id LEFT JOIN clusters c ON c.cluster = d.cluster
        WHERE NOT e.negated
    """
    return f"""
        SELECT cluster, source_code, target_code, cameo, day, min(quad_class) AS quad_class, min(goldstein) AS goldstein,
            count(*) AS mentions, count(DISTINCT article_id) AS articles, count(DISTINCT domain) AS sources,
            min(first_seen) AS added, arg_min(url, first_seen) AS url,
            any_value(source_name) AS source_name, any_value(target_name) AS target_name, bool_or(in_lead) AS root,
            (md5_number_lower(concat_ws('|', cluster, source_code, target_code, cameo, day)) >> 1)::BIGINT AS event_id
        FROM ({events}) GROUP BY cluster, source_code, target_code, cameo, day
        ORDER BY coalesce(day, added::DATE), event_id
    """


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def gdelt_rows(store: Store) -> Iterator[list[str]]:
    """Distinct story events as GDELT 2.0 event-table rows (lists of 61 strings)."""
    table = store.execute_arrow(_gdelt_query())
    for batch in table.to_batches(max_chunksize=50_000):
        for ev in batch.to_pylist():
            yield _gdelt_row(ev)


def _gdelt_row(ev: dict[str, Any]) -> list[str]:
    seen: datetime | None = ev["added"]
    day: date | None = ev["day"] or (seen.date() if seen else None)
    row: dict[str, str] = dict.fromkeys(GDELT_COLUMNS, "")
    row["GLOBALEVENTID"] = str(ev["event_id"])
    if day:
        row.update(SQLDATE=f"{day:%Y%m%d}", MonthYear=f"{day:%Y%m}", Year=f"{day:%Y}",
                   FractionDate=f"{day.year + (day.month * 30 + day.day) / 365:.4f}")
    for n, code_key, name_key in ((1, "source_code", "source_name"), (2, "target_code", "target_name")):
        for attr, value in split_actor(ev[code_key]).items():
            row[f"Actor{n}{attr}"] = value
        row[f"Actor{n}Name"] = (ev[name_key] or "").upper()
    cameo: str = ev["cameo"]
    row.update(
        IsRootEvent="1" if ev["root"] else "0", EventCode=cameo, EventBaseCode=cameo[:3], EventRootCode=cameo[:2],
        QuadClass="" if ev["quad_class"] is None else str(ev["quad_class"]), GoldsteinScale=_num(ev["goldstein"]),
        NumMentions=str(ev["mentions"]), NumSources=str(ev["sources"]), NumArticles=str(ev["articles"]),
        DATEADDED=f"{seen:%Y%m%d%H%M%S}" if seen else "", SOURCEURL=ev["url"] or "",
    )
    for prefix in ("Actor1Geo_", "Actor2Geo_", "ActionGeo_"):
        row[prefix + "Type"] = "0"  # 0: no geographic match (parley does not geocode)
    return [row[c].replace("\t", " ").replace("\n", " ") for c in GDELT_COLUMNS]


def export_gdelt(store: Store, out: IO[str] | str | Path, header: bool = False) -> int:
    """Write the GDELT 2.0 event table (TSV, no header unless asked) to a file or stream; returns rows written."""
    if isinstance(out, (str, Path)):
        with Path(out).open("w", encoding="utf-8", newline="") as handle:
            return export_gdelt(store, handle, header)
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    if header:
        writer.writerow(GDELT_COLUMNS)
    n = 0
    for row in gdelt_rows(store):
        writer.writerow(row)
        n += 1
    return n


# ---- command line ---------------------------------------------------------------------------------

def add_export_parser(sub: Any) -> argparse.ArgumentParser:
    """Add the `export` command to the CLI's subparsers."""
    p: argparse.ArgumentParser = sub.add_parser(
        "export", help="export the store: Parquet by date, CSV, or a GDELT 2.0 event table",
        description="Export the store. parquet/csv write articles, quotes and events under OUT; gdelt writes "
                    "distinct story events (each near-duplicate cluster once) as GDELT 2.0 event-table TSV.",
        epilog="examples: parley export parquet out/   parley export gdelt events.tsv --header   parley export gdelt -")
    p.add_argument("kind", choices=("parquet", "csv", "gdelt"), help="what to write")
    p.add_argument("out", help="output directory (parquet, csv) or file, - for stdout (gdelt)")
    p.add_argument("--header", action="store_true", help="gdelt: write the column names as a first line")
    p.add_argument("--db", metavar="FILE", help="store file (default: $PARLEY_DB or ./parley.duckdb)")
    return p


def cmd_export(args: argparse.Namespace) -> int:
    """Run `parley export`."""
    from parley.store import default_db_path

    with Store(args.db or default_db_path(), read_only=True) as store:
        if args.kind == "gdelt":
            n = export_gdelt(store, sys.stdout if args.out == "-" else args.out, header=args.header)
            print(f"parley: wrote {n} GDELT event row(s) to {args.out}", file=sys.stderr)
            return 0
        try:
            written = (export_parquet if args.kind == "parquet" else export_csv)(store, args.out)
        except OSError as exc:
            raise StoreError(f"{args.out}: cannot write ({exc})") from exc
    for table, path in written.items():
        print(f"parley: wrote {table} to {path}", file=sys.stderr)
    return 0
