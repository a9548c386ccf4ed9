#!/usr/bin/env python3
"""Build the second demo-city data file data/demo/utsunomiya.json for Sasaeai.

Run from the repository root:

    python3 tools/demo/build_utsunomiya.py

Every fact below is typed by hand from two public documents, named in SOURCE and CITY_SOURCE:
宇都宮市's report on its 生活支援体制整備事業 (令和7年2月20日) and the 「人のうごき」 column of
広報うつのみや. What they do not give (the names of the 39 districts, which district has no
council, founding dates) is a placeholder or an assumption, listed in the file's "assumptions".

The output is deterministic: running the script twice gives byte-identical files. The script
checks the counts the report prints before writing and exits with status 1, writing nothing,
if they do not hold.

Python 3 standard library only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "data" / "demo" / "utsunomiya.json"

CITY = "宇都宮市"
CODE = "092011"  # 全国地方公共団体コード 09201 with its check digit
SOURCE = "宇都宮市 保健福祉部 高齢福祉課 地域共生推進室「生活支援体制整備事業の取組状況について」（令和7年2月20日）"
SOURCE_SHORT = "宇都宮市資料 R7.2.20"
CITY_SOURCE_URL = "https://www.city.utsunomiya.tochigi.jp/_res/projects/default_project/_page_/001/030/462/2301.txt"
CITY_SOURCE = "広報うつのみや 令和5年1月号（No.1762）「人のうごき」（令和4年12月1日現在）"

# Printed in the report (2 第2層協議体の運営実績等について, 3 (1) 未設置地区への働きかけ).
DISTRICT_COUNT = 39  # 地区連合自治会圏域(39地区)を「第2層」と設定
COUNCIL_COUNT = 38  # 第2層協議体設置地区 38地区／39地区（令和7年1月末時点）
ACTIVITIES_FY2023 = 302  # 協議体開催等の活動件数 302回（令和5年度, 部会等の小単位による会議開催を含む）
FOUNDED_FY2023 = 2  # 令和5年度:2地区立ち上げ
FOUNDED_FY2024 = 2  # 令和6年度:2地区立ち上げ（令和7年1月末時点）

# Founding dates are not printed. Each council gets the last day by which it is known to exist:
# the end of 令和4年度 for those founded before 令和5年度, the end of 令和5年度, and 2025-01-31
# (the report's 令和7年1月末時点) for 令和6年度.
FOUNDED_BY_BEFORE_FY2023 = "2023-03-31"
FOUNDED_BY_FY2023 = "2024-03-31"
FOUNDED_BY_FY2024 = "2025-01-31"


def district_name(n: int) -> str:
    return f"地区{n:02d}（仮称）"


def council_name(n: int) -> str:
    return f"{district_name(n)}第2層協議体"


def founded_on(n: int) -> str:
    earlier = COUNCIL_COUNT - FOUNDED_FY2023 - FOUNDED_FY2024
    if n <= earlier:
        return FOUNDED_BY_BEFORE_FY2023
    if n <= earlier + FOUNDED_FY2023:
        return FOUNDED_BY_FY2023
    return FOUNDED_BY_FY2024


def founding_note(n: int) -> str:
    date = founded_on(n)
    if date == FOUNDED_BY_BEFORE_FY2023:
        when = "令和4年度までに発足（令和5・6年度の立ち上げ4地区以外の34地区）"
    elif date == FOUNDED_BY_FY2023:
        when = "令和5年度に立ち上げた2地区の一つ"
    else:
        when = "令和6年度に立ち上げた2地区の一つ（令和7年1月末時点）"
    return (f"{when}と仮定。発足日は資料に無いため、遅くともその日までに発足していた日（{date}）を仮に置いています。"
            f"名前は仮の名前、メンバーと目指す地域像は資料に無いため空欄。出典：{SOURCE_SHORT}。")


def districts() -> list[dict]:
    rows = []
    for n in range(1, DISTRICT_COUNT + 1):
        notes = ("地区連合自治会の圏域（第2層）。地区名は公開資料で一覧を確認できなかったため仮の名前です"
                 "（番号と実際の地区の対応はありません）。")
        if n > COUNCIL_COUNT:
            notes += ("第2層協議体は未設置（令和7年1月末時点）。未設置の1地区がどこかは資料に無く、"
                      "仮にこの地区としました。市は引き続き立ち上げを支援しています。")
        rows.append({"municipality": CITY, "name": district_name(n), "kana": None, "care_centre": None,
                     "sort_order": n, "notes": notes})
    return rows


def councils() -> list[dict]:
    rows = [{
        "municipality": CITY, "district": None, "layer": 1, "kind": "高齢", "name": "第1層協議体", "vision": "",
        "founded_on": None,
        "notes": ("市域全体を「第1層」とする協議体。資料を報告した分科会が第1層協議体に位置付けられています"
                  "（分科会の名称・発足日は資料に無いため空欄）。令和6年度から、世代や分野を問わない地域の福祉課題の"
                  f"検討の場「地域支え合い協議体」の設置支援を始めています。出典：{SOURCE_SHORT}。"),
    }]
    for n in range(1, COUNCIL_COUNT + 1):
        rows.append({"municipality": CITY, "district": district_name(n), "layer": 2, "kind": "高齢",
                     "name": council_name(n), "vision": "", "founded_on": founded_on(n), "notes": founding_note(n)})
    return rows


def goals() -> tuple[list[dict], list[dict]]:
    note = f"資料の「第2層協議体への支援について」の項目を、この年度の取組として登録したもの。出典：{SOURCE_SHORT}。"
    goal_rows = [
        {"municipality": CITY, "fiscal_year": 2023, "number": 1, "title": "未設置地区への働きかけ",
         "description": ("市民活動センター等のまちづくり部局、地域包括支援センター、市社会福祉協議会などと連携し、"
                         "地域の実情に応じた説明・働きかけを行う。\n" + note)},
        {"municipality": CITY, "fiscal_year": 2023, "number": 2, "title": "設置地区の運営支援",
         "description": ("地区別高齢化率などの情報提供、協議体へのオブザーバー参加と助言・好事例の紹介。\n" + note)},
        {"municipality": CITY, "fiscal_year": 2024, "number": 1, "title": "残り1地区への働きかけ",
         "description": "第2層協議体の未設置地区（残り1地区）について、引き続き支援を続ける。\n" + note},
        {"municipality": CITY, "fiscal_year": 2024, "number": 2, "title": "設置地区への支援（運営支援・周知広報・人材確保）",
         "description": ("① 運営支援：地域別データ分析ブック・第2層協議体事例集、オブザーバー参加と助言。\n"
                         "② 周知広報：市内5ブロックの公共施設でのパネル展示、コミュニティFM「ミヤラジ」での活動紹介。\n"
                         "③ 人材確保：「生活支援コーディネーター養成研修講座」「対話ファシリテーター育成講座」への参加の働きかけ。\n"
                         + note)},
    ]
    measure_note = f"実績は資料の数値（目標値は資料に無いため空欄）。出典：{SOURCE_SHORT}。"
    measure_rows = [
        {"goal": "未設置地区への働きかけ", "title": "第2層協議体の立ち上げ", "metric": "記録から数えない",
         "manual_value": FOUNDED_FY2023, "unit": "地区", "sort_order": 1, "notes": measure_note},
        {"goal": "設置地区の運営支援", "title": "協議体開催等の活動件数（部会等の小単位による会議開催を含む）",
         "metric": "記録から数えない", "manual_value": ACTIVITIES_FY2023, "unit": "回", "sort_order": 1,
         "notes": measure_note},
        {"goal": "残り1地区への働きかけ", "title": "第2層協議体の立ち上げ（令和7年1月末時点）", "metric": "記録から数えない",
         "manual_value": FOUNDED_FY2024, "unit": "地区", "sort_order": 1, "notes": measure_note},
    ]
    return goal_rows, measure_rows


def partners() -> list[dict]:
    named = f"資料に名前の出る団体。出典：{SOURCE_SHORT}。"
    return [
        {"name": "宇都宮市 高齢福祉課 地域共生推進室", "kind": "行政", "district": None,
         "notes": "生活支援体制整備事業の担当（保健福祉部）。" + named},
        {"name": "市民活動センター", "kind": "行政", "district": None,
         "notes": "未設置地区への働きかけで連携するまちづくり部局の一つ。" + named},
        {"name": "宇都宮市社会福祉協議会", "kind": "社会福祉協議会", "district": None,
         "notes": "資料の表記は「市社会福祉協議会」。" + named},
        {"name": "地域包括支援センター", "kind": "その他", "district": None,
         "notes": "市内の各センター（個々の名称・担当地区は資料に無い）。" + named},
        {"name": "コミュニティFM「ミヤラジ」", "kind": "企業", "district": None,
         "notes": "第2層協議体の関係者が出演し、各地区の活動を紹介。" + named},
        {"name": "栃木県", "kind": "行政", "district": None,
         "notes": "生活支援コーディネーター養成研修講座（資料の写真は栃木県HPより）。" + named},
    ]


def city_figures() -> list[dict]:
    return [{
        "municipality": CITY, "as_of": "2022-12-01", "population": 515141, "households": 234873,
        "aged_65": None, "aged_75": None, "care_certification_rate": None, "source": CITY_SOURCE,
        "notes": f"65歳以上人口・要介護等認定率は出典に無いため空欄。{CITY_SOURCE_URL}",
    }]


ASSUMPTIONS = [
    "このデータは生活支援体制整備事業のデモ用です。宇都宮市の公開資料をもとにしていますが、仮の名前や仮定を含み、宇都宮市の公式データではありません。",
    (f"資料のとおりの数値：第2層は地区連合自治会の圏域で39地区、第2層協議体は38地区に設置（令和7年1月末時点）、"
     f"協議体開催等の活動件数は302回（令和5年度、部会等の小単位による会議開催を含む）、立ち上げは令和5年度2地区・"
     f"令和6年度2地区（令和7年1月末時点）。出典：{SOURCE}。"),
    "39地区の名前は、公開資料で一覧を確認できなかったため「地区01（仮称）」〜「地区39（仮称）」の仮の名前です。番号と実際の地区の対応はありません。",
    "第2層協議体が未設置の1地区がどこかは資料に無いため、仮に「地区39（仮称）」としました。令和5年度に立ち上げた2地区は仮に地区35・36、令和6年度の2地区は仮に地区37・38としました。",
    (f"協議体の発足日は資料に無いため、遅くともその日までに発足していた日を仮に置きました：令和4年度までの34地区は"
     f"{FOUNDED_BY_BEFORE_FY2023}、令和5年度の2地区は{FOUNDED_BY_FY2023}、令和6年度の2地区は{FOUNDED_BY_FY2024}（令和7年1月末時点）。"),
    "第2層協議体の名前（「地区01（仮称）第2層協議体」など）は仮の名前です。メンバー、目指す地域像、会議の記録は資料に無いため登録していません。",
    "年度の目標：資料の「第2層協議体への支援について」（未設置地区への働きかけ、設置地区への支援）を令和5・6年度の取組として登録し、資料の実績（立ち上げ2地区ずつ、活動件数302回）を手入力の実績にしました。目標値は資料に無いため空欄です。",
    f"市全体の人口・世帯数は{CITY_SOURCE}によります（人口515,141人、世帯234,873）。65歳以上人口は出典に無いため、高齢化率は表示されません。",
    "地区の人口・区域・境界、担当の地域包括支援センター、社会資源は資料に無いため登録していません。地図には地区の境界がありません。",
    "相手先の団体は、資料に名前の出る団体だけです。",
    "デモ用のアカウント（kanri・sc1・etsuran、パスワード sasaeai-demo）は画面を試すためのものです。",
]

ATTRIBUTION = [
    f"協議体の情報：{SOURCE}をもとに作成",
    f"市の人口・世帯数：{CITY_SOURCE}（{CITY_SOURCE_URL}）",
    "このデータはデモ用であり、仮の名前・仮定を含みます。宇都宮市の公式データではありません。",
]

ACCOUNTS = [
    {"login": "kanri", "display_name": "市 高齢福祉課（管理者・デモ）", "role": "admin", "districts": [], "password": "sasaeai-demo"},
    {"login": "sc1", "display_name": "第1層コーディネーター（デモ）", "role": "city_coordinator", "districts": [], "password": "sasaeai-demo"},
    {"login": "etsuran", "display_name": "閲覧のみ（デモ）", "role": "viewer", "districts": [], "password": "sasaeai-demo"},
]


def build() -> dict:
    goal_rows, measure_rows = goals()
    return {
        "demo": True,
        "title": "宇都宮市（デモデータ）",
        "attribution": ATTRIBUTION,
        "assumptions": ASSUMPTIONS,
        "records": {
            "municipalities": [{"name": CITY, "code": CODE, "prefecture": "栃木県"}],
            "city_figures": city_figures(),
            "districts": districts(),
            "councils": councils(),
            "goals": goal_rows,
            "goal_measures": measure_rows,
            "partner_organisations": partners(),
        },
        "accounts": ACCOUNTS,
    }


def check(doc: dict) -> list[str]:
    records = doc["records"]
    problems = []
    names = [d["name"] for d in records["districts"]]
    if len(names) != DISTRICT_COUNT or len(set(names)) != len(names):
        problems.append(f"expected {DISTRICT_COUNT} distinct districts, got {len(names)}")
    layer2 = [c for c in records["councils"] if c["layer"] == 2]
    if len(layer2) != COUNCIL_COUNT or len({c["district"] for c in layer2}) != COUNCIL_COUNT:
        problems.append(f"expected {COUNCIL_COUNT} layer-2 councils in distinct districts, got {len(layer2)}")
    if any(c["district"] not in names for c in layer2):
        problems.append("a layer-2 council names an unknown district")
    if sum(1 for c in records["councils"] if c["layer"] == 1) != 1:
        problems.append("expected one layer-1 council")
    for date, expected in ((FOUNDED_BY_FY2023, FOUNDED_FY2023), (FOUNDED_BY_FY2024, FOUNDED_FY2024)):
        if sum(1 for c in layer2 if c["founded_on"] == date) != expected:
            problems.append(f"expected {expected} councils founded by {date}")
    titles = [g["title"] for g in records["goals"]]
    if len(set(titles)) != len(titles):
        problems.append("goal titles must be distinct (measures name their goal by title)")
    if any(m["goal"] not in titles for m in records["goal_measures"]):
        problems.append("a goal measure names an unknown goal")
    return problems


def main() -> int:
    doc = build()
    problems = check(doc)
    if problems:
        for p in problems:
            print(f"build_utsunomiya: {p}", file=sys.stderr)
        return 1
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
