"""Tests for exports: Parquet partitioned by day, CSV, and the GDELT 2.0 event table read back by its column list."""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import duckdb
import pytest
from test_store import OTHER_TEXT, STORY_TEXT, corpus, lightly_edited, story_record

from parley.export import GDELT_COLUMNS, export_csv, export_gdelt, export_parquet, split_actor
from parley.store import Store

# The GDELT 2.0 Event Codebook's table, written out here independently of parley.export.
DOCUMENTED = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name", "Actor1CountryCode",
    "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code",
    "Actor1Type2Code", "Actor1Type3Code", "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode",
    "Actor2EthnicCode", "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code",
    "Actor2Type3Code", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone", "Actor1Geo_Type", "Actor1Geo_FullName",
    "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long",
    "Actor1Geo_FeatureID", "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID", "ActionGeo_Type",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat",
    "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
]


@pytest.fixture
def store(tmp_path: Path) -> Any:
    sanction = [{"cameo": "163", "source": "usa", "target": "russia"}]
    with Store(tmp_path / "t.duckdb") as s:
        s.add_articles(corpus())
        s.add_articles([
            story_record("orig", STORY_TEXT, "2023-05-11T08:00:00Z", "state.test", events=sanction),
            story_record("c1", lightly_edited(STORY_TEXT, 30), "2023-05-12", "m1.test", events=sanction),
            story_record("c2", lightly_edited(STORY_TEXT, 40), "2023-05-13", "m2.test", events=sanction * 2),
            story_record("other", OTHER_TEXT, "2023-06-03", "state.test",
                         events=[{"cameo": "112", "source": "nato", "target": "russia"}]),
        ])
        yield s


def test_documented_column_list() -> None:
    assert len(DOCUMENTED) == 61
    assert list(GDELT_COLUMNS) == DOCUMENTED


def test_gdelt_export_reads_back(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.tsv"
    n = export_gdelt(store, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == n == store.summary()["unique_events"]
    rows = [dict(zip(DOCUMENTED, line.split("\t"), strict=True)) for line in lines]  # 61 fields, no header
    con = duckdb.connect()
    table = con.execute(
        f"SELECT * FROM read_csv('{path}', delim='\t', header=false, quote='', names={DOCUMENTED!r}, all_varchar=true)"
    ).fetchall()
    assert len(table) == n and len(table[0]) == 61
    story = next(r for r in rows if r["SOURCEURL"] == "https://state.test/orig")
    assert (story["SQLDATE"], story["MonthYear"], story["Year"]) == ("20230511", "202305", "2023")
    assert story["FractionDate"] == "2023.4411"
    assert (story["Actor1Code"], story["Actor1CountryCode"], story["Actor1Type1Code"]) == ("USAGOV", "USA", "GOV")
    assert (story["Actor2Code"], story["Actor2Name"]) == ("RUS", "RUSSIA")
    assert (story["EventCode"], story["EventBaseCode"], story["EventRootCode"]) == ("163", "163", "16")
    assert (story["QuadClass"], story["GoldsteinScale"]) == ("4", "-8")
    # the story's three copies report it: 4 mentions (c2 twice), 3 articles, 3 sites
    assert (story["NumMentions"], story["NumArticles"], story["NumSources"]) == ("4", "3", "3")
    assert story["IsRootEvent"] == "1" and story["ActionGeo_Type"] == "0" and len(story["DATEADDED"]) == 14
    nato = next(r for r in rows if r["Actor1Code"] == "IGOWSTNAT")
    assert (nato["Actor1Type1Code"], nato["Actor1KnownGroupCode"], nato["Actor1CountryCode"]) == ("IGO", "NAT", "WST")
    assert len({r["GLOBALEVENTID"] for r in rows}) == n and all(r["GLOBALEVENTID"].isdigit() for r in rows)
    again = io.StringIO()
    export_gdelt(store, again)
    assert again.getvalue() == path.read_text(encoding="utf-8")  # stable ids and order


def test_gdelt_header_option(store: Store) -> None:
    out = io.StringIO()
    export_gdelt(store, out, header=True)
    assert out.getvalue().splitlines()[0].split("\t") == DOCUMENTED


def test_parquet_dataset_partitioned_by_day(store: Store, tmp_path: Path) -> None:
    written = export_parquet(store, tmp_path / "pq")
    assert set(written) == {"articles", "quotes", "events"}
    days = {p.name for p in (tmp_path / "pq" / "events").iterdir()}
    assert "day=2023-05-11" in days and "day=__HIVE_DEFAULT_PARTITION__" in days
    con = duckdb.connect()
    summary = store.summary()
    for table in ("articles", "quotes", "events"):
        (count,) = con.execute(
            f"SELECT count(*) FROM read_parquet('{tmp_path}/pq/{table}/**/*.parquet', hive_partitioning=true)"
        ).fetchone()
        assert count == summary[table]
    copies = con.execute(
        f"SELECT id, duplicate_of, cluster, body FROM read_parquet('{tmp_path}/pq/articles/**/*.parquet', "
        "hive_partitioning=true) WHERE cluster = 'orig' ORDER BY id"
    ).fetchall()
    assert [(i, d) for i, d, _, _ in copies] == [("c1", "orig"), ("c2", "orig"), ("orig", None)]
    assert copies[2][3] == STORY_TEXT.split("\n\n")


def test_csv_export(store: Store, tmp_path: Path) -> None:
    written = export_csv(store, tmp_path / "csv")
    with written["events"].open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == store.summary()["events"]
    assert {"article_id", "cameo", "cluster"} <= set(rows[0])


def test_split_actor() -> None:
    assert split_actor("RUSGOVMIL") | {} == {
        "Code": "RUSGOVMIL", "CountryCode": "RUS", "KnownGroupCode": "", "EthnicCode": "", "Religion1Code": "",
        "Religion2Code": "", "Type1Code": "GOV", "Type2Code": "MIL", "Type3Code": ""}
    assert split_actor(None)["Code"] == ""
    assert split_actor("IGOUNO")["KnownGroupCode"] == "UNO"


def test_exports_from_a_read_only_store(store: Store, tmp_path: Path) -> None:
    store.close()
    with Store(store.path, read_only=True) as ro:
        assert export_gdelt(ro, tmp_path / "e.tsv") == ro.summary()["unique_events"]
        export_parquet(ro, tmp_path / "pq")
        assert (tmp_path / "pq" / "articles").is_dir()
