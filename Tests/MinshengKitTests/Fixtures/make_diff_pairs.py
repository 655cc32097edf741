#!/usr/bin/env python3
"""Writes a pair of workbooks with known differences for the diff tests, with openpyxl, and the same
pair re-saved by LibreOffice. Run from this folder: python3 make_diff_pairs.py."""
import datetime, os, shutil, subprocess, tempfile
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))

def book(rows, sheet_name, extra_column=False):
    wb = openpyxl.Workbook()
    wb.properties.creator = 'fixture'
    wb.properties.created = wb.properties.modified = datetime.datetime(2021, 7, 1)
    ws = wb.active
    ws.title = sheet_name
    # A two-row header: 完成情况 merged over 目标 and 完成.
    head1 = ['地区', '项目', '完成情况', None] + (['备注'] if extra_column else [])
    head2 = [None, None, '目标', '完成'] + ([None] if extra_column else [])
    ws.append(head1)
    ws.append(head2)
    ws.merge_cells('C1:D1')
    ws.merge_cells('A1:A2')
    ws.merge_cells('B1:B2')
    if extra_column:
        ws.merge_cells('E1:E2')
    for r in rows:
        ws.append(list(r) + (['—'] if extra_column else []))
    notes = wb.create_sheet('说明')
    notes.append(['本表为测试用'])
    return wb

old_rows = [
    ('南湖区', '公交站点', 6, 4),
    ('秀洲区', '公交站点', 8, 5),
    ('嘉善县', '公交站点', 2, 2),
    ('平湖市', '公交站点', 2, 1),
    ('海盐县', '公交站点', 10, 100),
    ('海宁市', '公交站点', 10, 200),
    ('桐乡市', '公交站点', 8, 3),
    ('经开区', '公交站点', 14, 7),
]
new_rows = [
    ('南湖区', '公交站点', 6, 4),
    ('嘉善县', '公交站点', 2, 2),       # 秀洲区 deleted
    ('平湖市', '公交站点', 2, 1),
    ('港区', '公交站点', 1, 0),          # inserted in the middle
    ('海盐县', '公交站点', 10, 100.004), # within a tolerance of 0.01
    ('海宁市', '公交站点', 10, 250),     # beyond it
    ('经开区', '公交站点', 14, 7),
    ('桐乡市', '公交站点', 8, 3),        # moved below 经开区
]
book(old_rows, '一月').save(os.path.join(HERE, 'diff-old.xlsx'))
book(new_rows, '二月', extra_column=True).save(os.path.join(HERE, 'diff-new.xlsx'))

if shutil.which('soffice'):
    with tempfile.TemporaryDirectory() as out, tempfile.TemporaryDirectory() as profile:
        for name in ('diff-old', 'diff-new'):
            subprocess.run(['soffice', f'-env:UserInstallation=file://{profile}', '--headless', '--convert-to',
                            'xlsx:Calc MS Excel 2007 XML', '--outdir', out, os.path.join(HERE, name + '.xlsx')],
                           check=True, capture_output=True)
            shutil.copy(os.path.join(out, name + '.xlsx'), os.path.join(HERE, name + '-lo.xlsx'))
print('ok')
