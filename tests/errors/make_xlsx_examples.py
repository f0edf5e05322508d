#!/usr/bin/python3
# The .xlsx examples of docs/errors.md (E0416–E0419, W0405), for the ruleset tests/errors/data.pf.
# Run from the repository's top folder: /usr/bin/python3 tests/errors/make_xlsx_examples.py
import os
import zipfile

import openpyxl

here = "tests/errors"


def patch(path, replacements):
    """What Excel writes but openpyxl cannot: an error value's cell type."""
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                for old, new in replacements:
                    assert old in text, old
                    text = text.replace(old, new)
                data = text.encode("utf-8")
            dst.writestr(item, data)
    os.replace(tmp, path)


def two_columns(rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "数据"
    ws.append(["名称", "值"])
    for r in rows:
        ws.append(r)
    return wb


# E0416: a CSV renamed to .xlsx.
with open(f"{here}/E0416.xlsx", "w", encoding="utf-8") as f:
    f.write("名称,值\n部门,示例局\n")

# E0417: a formula saved without its result (as a program writes it, not Excel).
two_columns([["部门", "示例局"], ["年末结转和结余", 1222.61], ["预算总额", "=40000+4792.02"], ["支出率", "98%"],
             ["问题数", 0]]).save(f"{here}/E0417.xlsx")

# E0418: a formula whose result is an error value (#DIV/0!).
two_columns([["部门", "示例局"], ["年末结转和结余", 1222.61], ["预算总额", 44792.02], ["支出率", "=1/0"],
             ["问题数", 0]]).save(f"{here}/E0418.xlsx")
patch(f"{here}/E0418.xlsx", [('<c r="B5"><f>1/0</f><v></v></c>', '<c r="B5" t="e"><f>1/0</f><v>#DIV/0!</v></c>')])

# E0419 and W0405: one department per row.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "部门"
ws.append(["部门", "年度", "年末结转和结余", "预算总额", "支出率", "问题数"])
ws.append(["甲局", 2023, 1222.61, 44792.02, "98%", 0])
ws.append(["乙局", 2023, 800, 20000, "95%", 1])
wb.save(f"{here}/E0419.xlsx")

# W0405: goal rows of a department the departments' sheet does not have (ruleset E0411.pf).
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "部门"
ws.append(["部门", "年度"])
ws.append(["甲局", 2023])
goals = wb.create_sheet("产出目标")
goals.append(["部门", "名称", "目标", "实际"])
goals.append(["甲局", "培训人次", 500, 520])
goals.append(["丙局", "培训人次", 300, 310])
wb.save(f"{here}/W0405.xlsx")
