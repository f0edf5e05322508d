#!/usr/bin/python3
# A department's JSON data as Chinese Excel saves "CSV (逗号分隔)": GB18030, a header row and one
# row of values, a list in one cell with its items separated by semicolons, and the goal tables
# in a --tables CSV (部门, 表, 名称, 目标, 实际, …).
#   json_to_csv.py DATA.json OUT.csv OUT_TABLES.csv [ENCODING]
import csv
import io
import json
import sys

data_path, out, out_tables = sys.argv[1:4]
encoding = sys.argv[4] if len(sys.argv) > 4 else "gb18030"
with open(data_path, encoding="utf-8") as f:
    doc = json.load(f)


def text(v):
    return ("是" if v else "否") if isinstance(v, bool) else str(v)


header, row, tables = ["部门", "年度"], [doc["部门"], str(doc["年度"])], []
for name, v in doc["数据"].items():
    if name.startswith("_"):
        continue
    if isinstance(v, list) and v and isinstance(v[0], dict):
        tables += [(name, r) for r in v]
    else:
        header.append(name)
        row.append("; ".join(text(x) for x in v) if isinstance(v, list) else text(v))


def write(path, rows):
    s = io.StringIO()
    csv.writer(s, lineterminator="\r\n").writerows(rows)
    with open(path, "wb") as f:
        f.write(s.getvalue().encode(encoding))


write(out, [header, row])
columns = ["名称", "目标", "实际", "权重", "方向", "档次", "得分率", "说明"]
write(out_tables, [["部门", "表"] + columns] + [[doc["部门"], t] + [text(r.get(c, "")) for c in columns] for t, r in tables])
