#!/usr/bin/python3
# Workbooks for the .xlsx reader's tests, written into the folder given, each showing one thing
# Excel and WPS do: a merged heading, a percentage-formatted cell, a number stored as text, a
# formula with its cached result and one without, an error value, Excel's 17-digit rendering of
# a double, a boolean cell, one department per row with goal tables keyed by department.
#   make_workbooks.py OUT_DIR
import os
import re
import datetime
import sys
import zipfile
from decimal import Decimal

import openpyxl

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def patch(path, sheet, replacements):
    """Rewrites parts of a sheet's XML in the saved zip: what Excel writes but openpyxl cannot
    (a formula's cached result, a 17-digit number)."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == f"xl/worksheets/{sheet}.xml":
                text = data.decode("utf-8")
                for old, new in replacements:
                    assert old in text, (old, text)
                    text = text.replace(old, new)
                data = text.encode("utf-8")
            dst.writestr(item, data)
    os.replace(tmp, path)


# exact.xlsx: the plain two-column sheet, with what Excel does to numbers.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "数据"
ws["A1"] = "花都区科工商信局 2023 年度数据"
ws.merge_cells("A1:C1")
ws.append(["名称", "值"])
ws.append(["部门", "广州市花都区科技工业商务和信息化局"])
ws.append(["年度", 2023])
ws.append(["年末结转和结余", Decimal("1222.61")])        # A5
ws.append(["预算执行率", Decimal("0.9806")])             # A6: shown as 98.06%
ws["B6"].number_format = "0.00%"
ws.append(["一般公共预算拨款", "42,448.19"])             # A7: a number stored as text
ws.append(["年初结转和结余", "=B5+1121.22"])              # A8: a formula, cached below
ws.append(["在用固定资产总额", Decimal("1865.42")])       # A9: patched to Excel's 17 digits
ws.append(["涉密部门", False])                           # A10: a boolean cell
ws.append(["说明", "  采购公开不全  "])                   # A11: text, trimmed
ws.append(["空值", None])                                # A12: empty: no field
ws.append(["填报日期", datetime.date(2024, 1, 5)])          # A13: a date cell: 45296 shown as a date
wb.save(f"{out}/exact.xlsx")
patch(f"{out}/exact.xlsx", "sheet1", [
    ("<f>B5+1121.22</f><v></v>", "<f>B5+1121.22</f><v>2343.83</v>"),
    ("<v>1865.42</v>", "<v>1865.4200000000001</v>"),
])

# formula.xlsx: a formula saved without its result (openpyxl writes none), and an error value.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "数据"
ws.append(["名称", "值"])
ws.append(["部门", "某局"])
ws.append(["年末结转和结余", "=1+1"])
ws.append(["预算执行率", "=1/0"])
wb.save(f"{out}/formula.xlsx")
patch(f"{out}/formula.xlsx", "sheet1", [
    ("<c r=\"B4\"><f>1/0</f><v></v></c>", "<c r=\"B4\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>"),
])

# many.xlsx: one department per row, a goal table keyed by department in a sheet of its own.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "部门"
ws.append(["部门", "年度", "预算执行率", "涉密部门"])
ws.append(["甲局", 2023, "98%", "否"])
ws.append(["乙局", 2023, Decimal("0.955"), "是"])
ws["C3"].number_format = "0.0%"
goals = wb.create_sheet("产出目标")
goals.append(["部门", "名称", "目标", "实际", "权重"])
goals.append(["甲局", "走访企业", 2000, 2025, 2])
goals.append(["乙局", "走访企业", 1000, 900, 2])
goals.append(["丙局", "走访企业", 1, 1, 2])
wb.save(f"{out}/many.xlsx")

# repeated.xlsx: a datum given twice on the main sheet (a row copied and changed further down),
# and a workbook of one department per row with a column repeated.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "数据"
ws.append(["名称", "值"])
ws.append(["部门", "示例局"])
ws.append(["年末结转和结余", 1])
ws.append(["预算总额", 100])
ws.append(["支出率", "98%"])
ws.append(["问题数", 0])
ws.append(["支出率", "50%"])                              # A7: the same name again
wb.save(f"{out}/repeated.xlsx")
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "部门"
ws.append(["部门", "年末结转和结余", "预算总额", "支出率", "问题数", "支出率"])
ws.append(["甲局", 1, 100, "98%", 0, "98%"])
wb.save(f"{out}/repeated_columns.xlsx")

# bad_year.xlsx and bad_year_rows.xlsx: 年度 that is no year (E0427), once as a name and value,
# once as a column of one department per row beside a good one.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "数据"
ws.append(["名称", "值"])
ws.append(["部门", "示例局"])
ws.append(["年度", "2O23"])                                 # B3: a letter O
ws.append(["年末结转和结余", 1])
ws.append(["预算总额", 100])
ws.append(["支出率", "98%"])
ws.append(["问题数", 0])
wb.save(f"{out}/bad_year.xlsx")
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "部门"
ws.append(["部门", "年度", "年末结转和结余", "预算总额", "支出率", "问题数"])
ws.append(["甲局", 2024.5, 1, 100, "98%", 0])
ws.append(["乙局", 2023, 1, 100, "98%", 0])
wb.save(f"{out}/bad_year_rows.xlsx")

# repeated_cell.xlsx: the row of 问题数 written twice with different values, as no program we
# know writes it (a damaged or hand-made file); the first value used to win silently.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "数据"
ws.append(["名称", "值"])
ws.append(["部门", "示例局"])
ws.append(["年末结转和结余", 1])
ws.append(["预算总额", 100])
ws.append(["支出率", "98%"])
ws.append(["问题数", 0])
wb.save(f"{out}/repeated_cell.xlsx")
patch(f"{out}/repeated_cell.xlsx", "sheet1", [
    ("<c r=\"B6\" t=\"n\"><v>0</v></c></row>", "<c r=\"B6\" t=\"n\"><v>0</v></c></row><row r=\"6\"><c r=\"B6\" t=\"n\"><v>3</v></c></row>"),
])

with open(f"{out}/not_a_workbook.xlsx", "w", encoding="utf-8") as f:
    f.write("部门,预算执行率\n甲局,98%\n")
with zipfile.ZipFile(f"{out}/no_workbook.xlsx", "w") as z:
    z.writestr("word/document.xml", "<w:document/>")

# bomb.xlsx: a sheet of 2,000,100 cells in a file of a few MB (a zip bomb of 850 KB held 24
# million: 8 GB and minutes). Refused past two million cells, and read a piece at a time.
with zipfile.ZipFile(f"{out}/repeated_cell.xlsx") as src, zipfile.ZipFile(f"{out}/bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        if item.filename != "xl/worksheets/sheet1.xml":
            dst.writestr(item, src.read(item.filename))
    with dst.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
        f.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        row = b"<row>" + b"<c><v>1</v></c>" * 1000 + b"</row>"
        for _ in range(2001):
            f.write(row)
        f.write(b"</sheetData></worksheet>")

# long_cell.xlsx: a cell of 200,000 characters, more than Excel's 32,767 (a damaged file).
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "数据"
ws.append(["名称", "值"])
ws.append(["部门", "示例局"])
ws.append(["问题数", 0])
wb.save(f"{out}/long_cell.xlsx")
patch(f"{out}/long_cell.xlsx", "sheet1", [("<v>0</v>", "<v>" + "1" * 200000 + "</v>")])

# lost_string.xlsx: a text cell pointing to a shared string the workbook does not have; its
# text was read as empty, and the datum as missing.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "数据"
ws.append(["名称", "值"])
ws.append(["部门", "示例局"])
ws.append(["问题数", 0])
wb.save(f"{out}/lost_string.xlsx")
with zipfile.ZipFile(f"{out}/lost_string.xlsx") as z:
    sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
b2 = re.search(r'<c r="B2"[^>]*>.*?</c>', sheet).group(0)  # openpyxl writes an inline string
patch(f"{out}/lost_string.xlsx", "sheet1", [(b2, '<c r="B2" t="s"><v>99</v></c>')])
