#!/usr/bin/python3
"""Reads a workbook the product wrote with a real reader (python3-openpyxl) and prints what a
spreadsheet shows, as JSON: the first sheet's title, frozen panes, autofilter range, column
widths, and every cell's value, type (int, float, datetime, str, bool) and number format, the
header's bold flag included. Usage: xlsx_cells.py FILE.xlsx"""
import datetime
import json
import sys

import openpyxl


def cell_of(cell):
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        kind = "bool"
    elif isinstance(value, int):
        kind = "int"
    elif isinstance(value, float):
        kind = "float"
    elif isinstance(value, (datetime.datetime, datetime.date)):
        kind = "datetime"
        value = value.strftime("%Y-%m-%d")
    else:
        kind = "str"
        value = str(value)
    return {"v": value, "t": kind, "f": cell.number_format, "b": bool(cell.font and cell.font.b)}


def main():
    book = openpyxl.load_workbook(sys.argv[1])
    sheet = book.worksheets[0]
    rows = [[cell_of(c) for c in row] for row in sheet.iter_rows()]
    widths = {key: dim.width for key, dim in sheet.column_dimensions.items() if dim.width}
    json.dump({"sheet": sheet.title, "freeze_panes": sheet.freeze_panes, "auto_filter": sheet.auto_filter.ref,
               "widths": widths, "rows": rows}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
