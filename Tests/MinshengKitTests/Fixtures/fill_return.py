#!/usr/bin/env python3
"""Fills a minsheng template the way a district clerk would, with openpyxl.

usage: fill_return.py TEMPLATE.xlsx OUT.xlsx SPEC.json
SPEC: {"header": {"填报人": "张三", "联系电话": "0573-1", "填报日期": "2021-07-05"},
       "default": {"done": "target", "status": "推进中"},       # for rows not listed; "done": "target"|number|null
       "rows": {"P1.1": {"done": 3, "status": "推进中", "points": 1, "target": 99, "text": "..."}},
       "points": [["P1.1", "名称", "地址", 120.75, 30.75, "推进中", ""]],
       "delete": ["P4"], "duplicate": ["P6"], "swap": ["P6", "P7"], "insert_after": "P9", "drop_meta": true}
Dates given as YYYY-MM-DD strings are written as dates."""
import datetime, json, sys
import openpyxl

tpl, out, spec_path = sys.argv[1:4]
spec = json.load(open(spec_path, encoding='utf-8'))
wb = openpyxl.load_workbook(tpl)
ws = wb['填报']
header_row = next(r for r in range(1, 40) if ws.cell(r, 1).value == '编号')
labels = {ws.cell(r, 1).value: r for r in range(1, header_row)}
for label, value in spec.get('header', {}).items():
    if isinstance(value, str) and len(value) == 10 and value[4] == '-' and label == '填报日期':
        value = datetime.datetime.strptime(value, '%Y-%m-%d')
    ws.cell(labels[label], 2).value = value

rows = {}
for r in range(header_row + 1, ws.max_row + 1):
    v = ws.cell(r, 1).value
    if v:
        rows[v] = r
default = spec.get('default', {})
for task, r in rows.items():
    fill = dict(default)
    fill.update(spec.get('rows', {}).get(task, {}))
    done = fill.get('done')
    if done == 'target':
        done = ws.cell(r, 4).value if isinstance(ws.cell(r, 4).value, (int, float)) else 1
    if done is not None:
        ws.cell(r, 5).value = done
    if fill.get('status') is not None:
        ws.cell(r, 7).value = fill['status']
    if 'points' in fill:
        ws.cell(r, 8).value = fill['points']
    if 'target' in fill:
        ws.cell(r, 4).value = fill['target']
    if 'text' in fill:
        ws.cell(r, 2).value = fill['text']

def row_values(r):
    return [ws.cell(r, c).value for c in range(1, 10)]

for task in spec.get('duplicate', []):
    ws.append(row_values(rows[task]))
if 'swap' in spec:
    a, b = (rows[t] for t in spec['swap'])
    va, vb = row_values(a), row_values(b)
    for c in range(1, 10):
        ws.cell(a, c).value, ws.cell(b, c).value = vb[c - 1], va[c - 1]
if 'insert_after' in spec:
    ws.insert_rows(rows[spec['insert_after']] + 1)
    ws.cell(rows[spec['insert_after']] + 1, 2).value = '自行增加的项目'
    ws.cell(rows[spec['insert_after']] + 1, 5).value = 5
for task in sorted(spec.get('delete', []), key=lambda t: -rows[t]):
    ws.delete_rows(rows[task])

pts = wb['项目点位']
for i, p in enumerate(spec.get('points', [])):
    for c, v in enumerate(p):
        pts.cell(i + 2, c + 1).value = v
if spec.get('drop_meta'):
    del wb['_minsheng']
wb.save(out)
