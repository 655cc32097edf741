#!/usr/bin/env python3
"""Departmental returns, second set: layouts the first set (make_department_returns.py) does not cover.
Made with openpyxl, each re-saved by LibreOffice as <name>-lo.xlsx; import-expected-2.json says what every
file (both saves, same expectations) must give. Run from anywhere: python3 make_department_returns_2.py
(needs soffice on PATH; LO_PROFILE overrides the LibreOffice profile folder).

Every expected figure is a number written below for a district whose share in the plan
(Samples/source/allocation-2021.json) is a number; a "/" cell is never a figure and gives no finding.
Entries in import-expected-2.json: figures {district id: {task id: number}} and findings [codes], as in
import-expected.json, plus
  "period"      the period the result must have, when it is not 2021-06;
  "periodFrom"  "argument": the title names no single month, so the test passes "period" to the reader;
                "title": the title names it (2021年7月) and the test passes nothing: the month in the
                title of the file being read wins over the period stored in an earlier month's mapping;
  "mappingFrom" read this file with the mapping the importer wrote when reading that file (openpyxl file
                with the openpyxl July, -lo file with the -lo July).

Files and the findings each must give, exactly:

1. dept-long.xlsx (市民政局, long layout 地区 | 任务 | 完成数 | 备注, no task-id column; C8, C9, P14 by
   their exact plan target text; 完成数 as "116户", "3个" or plain numbers; rows grouped by district).
   Findings: none. 市本级 is allocated none of the three, so its three rows say "/" (不涉及): the
   district is present (no IMPORT_DISTRICTS_MISSING) and "/" is nothing (no IMPORT_NOT_ASSIGNED).
2. dept-long-months.xlsx (市体育局, 月份 | 地区 | 任务编号 | 任务 | 完成数; C22, C23; a 5月 block then a
   6月 block with different, larger values; title "2021年1-6月"). Read with period 2021-06: only the 6月
   rows count. Findings: none.
3. dept-names.xlsx (市建设局, districts as rows named as departments write them, 南湖区（含湘家荡） the
   first data row right under the single header row; columns "C19 …", "C21 …"). All ten districts
   found. 市本级's C21 cell is "/" (not allocated). Findings: none.
4. dept-target-done.xlsx (市体育局, districts as rows, one header row, per task 目标 | 完成 | 完成率 for
   C22 "新建“运动家”智慧体育社区" and C24 "开展体育活动"; C22 rates are numbers formatted 0.0%, C24 rates
   are text "83%"). Only 完成 is a figure.
   - IMPORT_TARGET_DIFFERS x1: 海宁市 C22 目标 38, the plan says 36. Its 完成 is 3, so its rate 7.9%
     agrees with 3/38 (7.89%) and with 3/36 (8.33%) within 1 point: no rate finding whichever target
     the check uses.
   - IMPORT_RATE_MISMATCH x1: 平湖市 C24 完成率 "90%", 500/625 is 80%. Every other rate is 完成/目标
     rounded (0.1 point for C22, 1 point for C24 as text: at most 0.5 off).
5. dept-edu-july.xlsx (市教育局, 2021年6月, districts as columns with the notice's names, tasks as rows
   编号 | 目标任务: C3, C4, C7). Alone: findings none. C4 for 港区/市本级 and C7 for 嘉善县/市本级 are "/".
   dept-edu-august.xlsx (title 2021年7月, period 2021-07 from the title): July's table with a heading
   row "（按8月新口径）" inserted above it and a task row C6 inserted between C4 and C7; all figures
   different. Read with July's mapping:
   - IMPORT_LABEL_MOVED x3: the rows of C3 (July row 3 → 4), C4 (4 → 5) and C7 (5 → 7) are found again
     by their labels one or two rows lower. The district columns keep their letters (C…L), so they give
     no IMPORT_LABEL_MOVED although the header row is one lower.
   - IMPORT_UNMAPPED_ROW x1: the inserted C6 row (row 6), which July's mapping does not name: reported,
     not imported, even though its id would match.
   Figures: August's for C3, C4, C7.
   dept-edu-august-renamed.xlsx: August with the C4 row's id cell emptied and its text "另行统计" (its
   figures kept). Read with July's mapping:
   - IMPORT_LABEL_MISSING x1: C4's label is found nowhere; C4 not imported.
   - IMPORT_LABEL_MOVED x2: C3 (3 → 4), C7 (5 → 7).
   - IMPORT_UNMAPPED_ROW x2: the inserted C6 row (row 6) and the "另行统计" row (row 5): rows with figures
     that no mapping entry names by label; never guessed to be C4.
   Figures: August's for C3 and C7.
"""
import datetime, json, os, shutil, subprocess, tempfile
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
PLAN = json.load(open(os.path.join(HERE, '../../../Samples/source/allocation-2021.json'), encoding='utf-8'))
IDS = ['nanhu', 'xiuzhou', 'jiashan', 'pinghu', 'haiyan', 'haining', 'tongxiang', 'jetdz', 'port', 'city']
OFFICIAL = PLAN['districts']
SHORT = ['南湖区', '秀洲区', '嘉善县', '平湖市', '海盐县', '海宁市', '桐乡市', '经开区', '港区', '市本级']


def plan_task(tid):
    """(target text, shares) of a numbered task ("C8", "P14") of the plan."""
    section = next(s for s in PLAN['sections'] if s['id'] == tid[0])
    row = next(r for r in section['rows'] if r['seq'] == tid[1:])
    return row['target'], row['shares']


def allocated(tid, i):
    return plan_task(tid)[1][i] not in (None, '/')


expected = {}
made = []


def new_book(title):
    wb = openpyxl.Workbook()
    wb.properties.creator = 'fixture'
    wb.properties.created = wb.properties.modified = datetime.datetime(2021, 7, 3)
    ws = wb.active
    ws.title = title
    return wb, ws


def save(wb, name):
    wb.save(os.path.join(HERE, name))
    made.append(name)


def number(v):
    """The number a cell value stands for: 116, "116户", "3个"."""
    if isinstance(v, (int, float)):
        return v
    digits = ''.join(ch for ch in v if ch.isdigit() or ch == '.')
    return float(digits) if '.' in digits else int(digits)


def expect(name, figures, findings, **extra):
    for did, tasks in figures.items():
        for tid in tasks:
            assert allocated(tid, IDS.index(did)), (name, did, tid)  # never expect a figure the plan does not allocate
    expected[name] = {'figures': figures, 'findings': sorted(findings), **extra}


# 1. Long layout, no task ids: 地区 | 任务 | 完成数 | 备注. 市民政局: C8, C9, P14.
LONG = {  # per district: C8, C9, P14 (None = not allocated, written "/")
    'C8': ['116户', 130, '152户', 141, '98户', 220, '205户', 18, '11户', None],
    'C9': [60, '75人', 58, '66人', 52, '61人', 80, 27, '14人', None],
    'P14': ['2个', 3, '1个', 2, '3个', 1, '2个', 1, 1, None],
}
wb, ws = new_book('民政')
ws.append(['市民政局2021年6月民生实事完成情况'])
ws.append(['地区', '任务', '完成数', '备注'])
fig = {}
for i, district in enumerate(SHORT):
    for tid, vals in LONG.items():
        assert (vals[i] is not None) == allocated(tid, i), (tid, i)
        v = vals[i]
        ws.append([district, plan_task(tid)[0], '/' if v is None else v, '不涉及' if v is None else ('含在建' if tid == 'P14' and i == 0 else None)])
        if v is not None:
            fig.setdefault(IDS[i], {})[tid] = number(v)
ws.column_dimensions['B'].width = 44
save(wb, 'dept-long.xlsx')
expect('dept-long.xlsx', fig, [])

# 2. Long layout with 月份 and 任务编号, two months; the title names a range, so the period is given.
MAY = {'C22': [10, 9, 11, 12, 8, 15, 17, 3, 1, 1], 'C23': [80, 70, 85, 90, 60, 120, 140, 25, 6, 7]}
JUNE = {'C22': [14, 12, 15, 16, 11, 21, 24, 5, 1, 2], 'C23': [101, 96, 110, 115, 82, 160, 175, 33, 9, 10]}
wb, ws = new_book('1-6月')
ws.append(['市体育局2021年1-6月民生实事推进情况'])
ws.append(['月份', '地区', '任务编号', '任务', '完成数'])
for month, data in (('5月', MAY), ('6月', JUNE)):
    for tid, vals in data.items():
        for i, v in enumerate(vals):
            assert allocated(tid, i)
            ws.append([month, OFFICIAL[i], tid, plan_task(tid)[0], v])
save(wb, 'dept-long-months.xlsx')
expect('dept-long-months.xlsx', {IDS[i]: {tid: JUNE[tid][i] for tid in JUNE} for i in range(10)}, [],
       period='2021-06', periodFrom='argument')

# 3. Districts as rows named as departments write them; 南湖区 right under the single header row.
NAMES = ['南湖区（含湘家荡）', '秀洲区', '嘉善县', '平湖市', '海盐县', '海宁市', '桐乡市', '经开区（国际商务区）', '嘉兴港区', '市本级（市直）']
ROWS3 = {'C19': [260, 240, 150, 180, 120, 170, 160, 200, 90, 800], 'C21': [12, 3, 6, 5, 4, 7, 6, 8, 2, None]}
wb, ws = new_book('进度')
ws.append(['市建设局2021年6月民生实事进展'])
ws.append(['地区'] + [f'{tid} {plan_task(tid)[0]}' for tid in ROWS3])
fig = {}
for i, name in enumerate(NAMES):
    ws.append([name] + ['/' if ROWS3[tid][i] is None else ROWS3[tid][i] for tid in ROWS3])
    for tid in ROWS3:
        assert (ROWS3[tid][i] is not None) == allocated(tid, i), (tid, i)
        if ROWS3[tid][i] is not None:
            fig.setdefault(IDS[i], {})[tid] = ROWS3[tid][i]
save(wb, 'dept-names.xlsx')
expect('dept-names.xlsx', fig, [])

# 4. Districts as rows, per task 目标 | 完成 | 完成率 side by side under one header row.
TD = {  # short text, written targets, done, rate style
    'C22': ('新建“运动家”智慧体育社区', [23, 22, 24, 25, 19, 38, 39, 8, 2, 2], [20, 18, 21, 22, 15, 3, 35, 6, 2, 1], 'number'),
    'C24': ('开展体育活动', [575, 550, 600, 625, 475, 900, 975, 200, 50, 50], [480, 450, 500, 500, 400, 760, 820, 150, 40, 45], 'text'),
}
DIFFERS = ('C22', 5)       # 海宁市: 38 written, the plan says 36
MISMATCH = ('C24', 3)      # 平湖市: "90%" written, 500/625 = 80%
wb, ws = new_book('体育')
ws.append(['市体育局2021年6月民生实事目标完成情况'])
header = ['地区']
for tid, (short, *_rest) in TD.items():
    header += [short + '目标', short + '完成', short + '完成率']
ws.append(header)
fig = {}
for i, name in enumerate(SHORT):
    row = [name]
    for tid, (short, targets, done, style) in TD.items():
        share = int(plan_task(tid)[1][i])
        assert (targets[i] != share) == ((tid, i) == DIFFERS), (tid, i)
        rate = done[i] / targets[i]
        if (tid, i) == MISMATCH:
            rate += 0.10
        row += [targets[i], done[i], round(rate, 4) if style == 'number' else f'{round(rate * 100)}%']
        fig.setdefault(IDS[i], {})[tid] = done[i]
    ws.append(row)
    for c in (4, 7):
        if isinstance(ws.cell(ws.max_row, c).value, float):
            ws.cell(ws.max_row, c).number_format = '0.0%'
# the differing target's rate agrees within 1 point with either target
t, i = DIFFERS
d = TD[t][2][i]
assert abs(d / TD[t][1][i] - d / int(plan_task(t)[1][i])) < 0.01
save(wb, 'dept-target-done.xlsx')
expect('dept-target-done.xlsx', fig, ['IMPORT_TARGET_DIFFERS', 'IMPORT_RATE_MISMATCH'])

# 5. 市教育局, districts as columns with the notice's names, tasks as rows 编号 | 目标任务.
JULY = {'C3': [1, 1, 2, 1, 1, 2, 2, 1, 1, 1], 'C4': [3, 4, 6, 5, 4, 8, 9, 2, None, None],
        'C7': [120, 150, None, 80, 160, 200, 310, 60, 20, None]}
AUG = {'C3': [2, 2, 2, 2, 1, 3, 3, 2, 1, 1], 'C4': [5, 6, 9, 7, 6, 11, 12, 3, None, None],
       'C6': [70000, 56000, 73000, 64000, 57000, 110000, 118000, 31000, 10500, 32000],
       'C7': [180, 200, None, 120, 230, 300, 450, 90, 30, None]}


def edu(name, month, data, heading=None, renamed=None):
    wb, ws = new_book('教育')
    ws.append([f'市教育局2021年{month}月民生实事进展情况'])
    if heading:
        ws.append([heading])
    ws.append(['编号', '目标任务'] + OFFICIAL)
    for tid, vals in data.items():
        for i, v in enumerate(vals):
            assert (v is not None) == allocated(tid, i), (tid, i)
        label = [None, '另行统计'] if tid == renamed else [tid, plan_task(tid)[0]]
        ws.append(label + ['/' if v is None else v for v in vals])
    ws.column_dimensions['B'].width = 40
    save(wb, name)


def figures(data, tasks):
    fig = {}
    for tid in tasks:
        for i, v in enumerate(data[tid]):
            if v is not None:
                fig.setdefault(IDS[i], {})[tid] = v
    return fig


edu('dept-edu-july.xlsx', 6, JULY)
expect('dept-edu-july.xlsx', figures(JULY, JULY), [])
edu('dept-edu-august.xlsx', 7, AUG, heading='（按8月新口径）')
expect('dept-edu-august.xlsx', figures(AUG, ['C3', 'C4', 'C7']),
       ['IMPORT_LABEL_MOVED'] * 3 + ['IMPORT_UNMAPPED_ROW'],
       period='2021-07', periodFrom='title', mappingFrom='dept-edu-july.xlsx')
edu('dept-edu-august-renamed.xlsx', 7, AUG, heading='（按8月新口径）', renamed='C4')
expect('dept-edu-august-renamed.xlsx', figures(AUG, ['C3', 'C7']),
       ['IMPORT_LABEL_MISSING'] + ['IMPORT_LABEL_MOVED'] * 2 + ['IMPORT_UNMAPPED_ROW'] * 2,
       period='2021-07', periodFrom='title', mappingFrom='dept-edu-july.xlsx')


# LibreOffice re-saves, same expectations (a -lo file is read with the -lo July's mapping).
def lo_name(name):
    return name[:-len('.xlsx')] + '-lo.xlsx'


profile = os.environ.get('LO_PROFILE', '/tmp/lo-profile-helper4')
with tempfile.TemporaryDirectory() as out:
    subprocess.run(['soffice', f'-env:UserInstallation=file://{profile}', '--headless', '--convert-to',
                    'xlsx:Calc MS Excel 2007 XML', '--outdir', out] + [os.path.join(HERE, n) for n in made],
                   check=True, capture_output=True)
    for name in made:
        shutil.copy(os.path.join(out, name), os.path.join(HERE, lo_name(name)))
for name in made:
    e = dict(expected[name])
    if 'mappingFrom' in e:
        e['mappingFrom'] = lo_name(e['mappingFrom'])
    expected[lo_name(name)] = e


# The re-saves must hold the same values and the same number formats (the 0.0% rates).
def cells(path):
    wb = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): (c.value, None if c.number_format == 'General' else c.number_format)
            for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None}


for name in made:
    a, b = cells(os.path.join(HERE, name)), cells(os.path.join(HERE, lo_name(name)))
    assert a.keys() == b.keys(), (name, a.keys() ^ b.keys())
    for k in a:
        (va, fa), (vb, fb) = a[k], b[k]
        same = abs(va - vb) < 1e-9 if isinstance(va, (int, float)) and isinstance(vb, (int, float)) else va == vb
        assert same and fa == fb, (name, k, a[k], b[k])

with open(os.path.join(HERE, 'import-expected-2.json'), 'w', encoding='utf-8') as f:
    json.dump(expected, f, ensure_ascii=False, indent=1)
    f.write('\n')
print('ok:', ', '.join(made + [lo_name(n) for n in made]))
