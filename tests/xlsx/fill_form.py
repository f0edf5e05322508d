#!/usr/bin/python3
# Fills the data form of `pingfen template` from a department's JSON data, as a person would in
# Excel: numbers typed as numbers (exact, through Decimal), percentages typed into the form's
# percentage-formatted cells (stored as fractions), 是/否 picked from the list, goal-table rows
# under the headers, list values one per row. The example row of each goal sheet is left in.
#   fill_form.py FORM.xlsx DATA.json OUT.xlsx
import json
import sys
from decimal import Decimal

import openpyxl

form, data_path, out = sys.argv[1:4]
with open(data_path, encoding="utf-8") as f:
    doc = json.load(f, parse_float=Decimal)
values = doc.get("数据", doc)


def cell_value(v):
    """A JSON value as typed into a cell: (value, number format or None)."""
    if isinstance(v, bool):
        return ("是" if v else "否"), None
    if isinstance(v, str) and v.endswith("%"):
        try:
            return Decimal(v[:-1]) / 100, "0.00##%"
        except Exception:
            return v, None
    return v, None


def put(cell, v):
    value, fmt = cell_value(v)
    cell.value = value
    if fmt:
        cell.number_format = fmt


wb = openpyxl.load_workbook(form)
ws = wb["数据"]
for row in ws.iter_rows(min_row=4):
    name = row[0].value
    if name == "部门":
        row[1].value = doc.get("部门", "")
    elif name == "年度":
        row[1].value = doc.get("年度")
    elif name in values and not isinstance(values[name], list):
        put(row[1], values[name])

for name, v in values.items():
    if not isinstance(v, list) or name not in wb.sheetnames:
        continue
    sheet = wb[name]
    if sheet.cell(2, 1).value == "名称":  # a goal table: headers in row 2, the example in row 3
        headers = {sheet.cell(2, c).value: c for c in range(1, sheet.max_column + 1)}
        for i, goal in enumerate(v):
            for key, x in goal.items():
                put(sheet.cell(4 + i, headers[key]), x)
    else:  # a list: 序号 | 值 from row 3
        for i, x in enumerate(v):
            sheet.cell(3 + i, 1).value = i + 1
            put(sheet.cell(3 + i, 2), x)
wb.save(out)
