#!/usr/bin/env python3
"""Writes allocation-table layout variants with openpyxl (and one LibreOffice re-save) for the
importer tests. Run from this folder: python3 make_plan_variants.py. Needs openpyxl; the
LibreOffice file needs soffice on PATH. Every figure comes from Samples/source/allocation-2021.json."""
import json, os, shutil, subprocess, tempfile
import openpyxl
from openpyxl.styles import Alignment

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
SRC = json.load(open(os.path.join(ROOT, 'Samples', 'source', 'allocation-2021.json'), encoding='utf-8'))
P = SRC['sections'][0]
C = SRC['sections'][1]

def fixed(wb):
    wb.properties.creator = 'fixture'
    import datetime
    wb.properties.created = wb.properties.modified = datetime.datetime(2021, 3, 16)

def cell_value(text, as_text):
    """Figures as the office might type them: numbers, or the same digits as text."""
    if text is None:
        return None
    if not as_text:
        try:
            return int(text)
        except ValueError:
            try:
                return float(text)
            except ValueError:
                return text
    return text

def variant_reordered():
    """Columns in another order, aliases in the header, line breaks, a blank column, figures as text,
    '—' and '－' for not assigned, a note row, and only the first 12 provincial rows."""
    wb = openpyxl.Workbook(); fixed(wb)
    ws = wb.active; ws.title = '省级任务'
    ws.append(['2021年省政府十方面民生实事嘉兴市分解任务（调整列序）'])
    order = [9, 0, 1, 2, 3, 4, 5, 6, 7, 8]  # 市本级 first
    aliases = ['南湖', '秀洲', '嘉善', '平湖', '海盐', '海宁', '桐乡', '嘉兴经开区', '港区', '市级']
    ws.append(['牵头\n单位', '序号', None, '目标任务'] + [aliases[i] for i in order] + ['全市\n合计'])
    seq = None
    for r in P['rows'][:14]:
        shares = [r['shares'][i] for i in order]
        shares = [('—' if s == '/' and k % 2 else '－' if s == '/' else s) for k, s in enumerate(shares)]
        ws.append([r['lead'], int(r['seq']) if r['seq'] else None, None, r['target']] +
                  [cell_value(s, True) for s in shares] + [cell_value(r['total'], True)])
    ws.append([])
    ws.append(['注：本表根据嘉政办发〔2021〕11号整理。'])
    # merge lead cells down over rows whose lead is blank, as the notice does
    start = None
    for row in range(3, 3 + 14):
        if ws.cell(row, 1).value is not None:
            if start and row - 1 > start:
                ws.merge_cells(start_row=start, start_column=1, end_row=row - 1, end_column=1)
            start = row
    if start and 16 > start:
        ws.merge_cells(start_row=start, start_column=1, end_row=16, end_column=1)
    ws.merge_cells(start_row=3, start_column=2, end_row=4, end_column=2)  # 序号 1 over its sub-row
    wb.save(os.path.join(HERE, 'plan-reordered.xlsx'))

def variant_two_row_header():
    """The city table with a title, a group heading merged over the district columns, the district
    names one row lower, 项目名称 and 牵头单位 merged down, numbers as numbers, and a totals row."""
    wb = openpyxl.Workbook(); fixed(wb)
    ws = wb.active; ws.title = 'Sheet1'
    ws.append(['2021年市政府民生实事分解任务'])
    ws.append(['序号', '项目名称', '目标任务', '全市', '分解任务'] + [None] * 9 + ['牵头单位'])
    ws.append([None, None, None, None] + SRC['districts'] + [None])
    for col in (1, 2, 3, 4, 15):
        ws.merge_cells(start_row=2, start_column=col, end_row=3, end_column=col)
    ws.merge_cells(start_row=2, start_column=5, end_row=2, end_column=14)
    first = 4
    for r in C['rows'][:10]:
        ws.append([int(r['seq']), r['name'], r['target'], cell_value(r['total'], False)] +
                  [cell_value(s, False) for s in r['shares']] + [r['lead']])
    ws.append(['合计', None, None, None])
    for col, key in ((2, 'name'), (15, 'lead')):
        start = None
        for i, r in enumerate(C['rows'][:10]):
            row = first + i
            if r[key] is not None:
                if start is not None and row - 1 > start:
                    ws.merge_cells(start_row=start, start_column=col, end_row=row - 1, end_column=col)
                start = row
        if start is not None and first + 9 > start:
            ws.merge_cells(start_row=start, start_column=col, end_row=first + 9, end_column=col)
    for row in ws.iter_rows():
        for c in row:
            c.alignment = Alignment(wrap_text=True)
    wb.save(os.path.join(HERE, 'plan-two-row-header.xlsx'))

def variant_broken():
    """Mistakes the checks must find: an unreadable figure, a missing lead, a duplicate 序号, a sum
    that does not add up, and a blank district share."""
    wb = openpyxl.Workbook(); fixed(wb)
    ws = wb.active; ws.title = '省政府民生实事'
    ws.append(['2021年省政府十方面民生实事嘉兴市分解任务'])
    ws.append(['序号', '目标任务', '全市'] + SRC['districts'] + ['牵头单位'])
    ws.append([4, '建设改造公交站点500个', 60, 6, 8, 2, 2, 10, 10, 8, 14, '/', '/', '市交通运输局'])
    ws.append([6, '建成食品生产企业“阳光工厂”1000家', 90, '三百', 10, 15, 10, 6, 20, 22, 6, 1, '/', '市市场监管局'])
    ws.append([10, '建设民生药事服务站300家', 25, 3, 3, 3, 3, 3, 4, 4, 2, '/', '/', None])
    ws.append([10, '建设民生药事服务站300家（重复）', 25, 3, 3, 3, 3, 3, 4, 4, 2, '/', '/', '市市场监管局'])
    ws.append([13, '组织开展100个康养联合体试点', 8, 1, 1, 1, None, 1, 1, 1, 1, '/', '/', '市民政局'])
    wb.save(os.path.join(HERE, 'plan-broken.xlsx'))

def libreoffice_resave():
    """The bundled sample opened and saved again by LibreOffice."""
    if not shutil.which('soffice'):
        print('soffice not found: plan-libreoffice.xlsx not regenerated')
        return
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as profile:
        src = os.path.join(tmp, 'allocation.xlsx')
        shutil.copy(os.path.join(ROOT, 'Samples', 'allocation-2021.xlsx'), src)
        out = os.path.join(tmp, 'out')
        subprocess.run(['soffice', f'-env:UserInstallation=file://{profile}', '--headless', '--convert-to',
                        'xlsx:Calc MS Excel 2007 XML', '--outdir', out, src], check=True, capture_output=True)
        shutil.copy(os.path.join(out, 'allocation.xlsx'), os.path.join(HERE, 'plan-libreoffice.xlsx'))

variant_reordered()
variant_two_row_header()
variant_broken()
libreoffice_resave()
print('ok')
