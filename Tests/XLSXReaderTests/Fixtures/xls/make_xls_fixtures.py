#!/usr/bin/env python3
"""The .xls fixtures of XLSReaderTests: workbooks written by openpyxl and saved by LibreOffice as
Excel 97-2003 (BIFF8). (LibreOffice no longer writes Excel 95; the BIFF5 tests build their streams.)

- basic.xlsx → basic.xls: Chinese text, numbers (RK and NUMBER records), dates and times,
  a date in a Chinese custom format, formulas whose cached results are a number, a string, a boolean and
  an error, booleans, error cells, merged cells, a hidden row and column, a column width, a string of
  10,000 Chinese characters (which crosses several CONTINUE records of the SST), a hidden sheet, a very
  hidden sheet and a chart sheet.
- date1904.xlsx → date1904.xls: the 1904 date system.

The .xlsx files are kept beside the .xls so the expected values can be read from both.

usage (from the package root): python3 Tests/XLSXReaderTests/Fixtures/xls/make_xls_fixtures.py"""
import datetime, os, shutil, subprocess, tempfile

import openpyxl
from openpyxl.chart import BarChart, Reference
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
LONG = ''.join(chr(0x4E00 + (i * 7) % 0x5000) for i in range(10_000))


def basic():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '数据'
    ws.append(['名称', '数量', '日期', '公式', '备注'])
    ws.append(['杭州市', 42, datetime.date(2021, 1, 1), '=B2*2'])
    ws.append(['嘉兴市', 8.1, datetime.datetime(2021, 1, 1, 12, 0), '=A3&"区"'])
    ws.append(['湖州市', -1234567.25, datetime.time(12, 0), '=B2>1'])
    ws.append([True, False, None, '=1/0'])
    ws['A6'] = '#N/A'
    ws['A6'].data_type = 'e'
    ws['B6'] = 123456789
    ws['C6'] = 0.1
    ws['D6'] = '=""'
    ws['A7'] = datetime.date(2021, 7, 5)
    ws['A7'].number_format = 'yyyy"年"m"月"d"日"'
    ws['B7'] = 0.25
    ws['B7'].number_format = '0%'
    ws['C7'] = 1.23
    ws['D7'] = datetime.timedelta(hours=36)
    ws['D7'].number_format = '[h]:mm:ss'
    ws['A9'] = '合并单元格'
    ws.merge_cells('A9:C9')
    ws['A10'] = '隐藏行'
    ws.row_dimensions[10].hidden = True
    ws['F1'] = '隐藏列'
    ws.column_dimensions['F'].hidden = True
    ws.column_dimensions['A'].width = 20
    ws['A11'] = LONG
    for r in range(12, 16):  # a column of like formulas, which LibreOffice may share
        ws.cell(r, 1, r)
        ws.cell(r, 2, f'=A{r}*10')

    hidden = wb.create_sheet('隐藏')
    hidden['A1'] = '隐藏的表'
    hidden.sheet_state = 'hidden'
    very = wb.create_sheet('非常隐藏')
    very['A1'] = 1
    very.sheet_state = 'veryHidden'

    chart = BarChart()
    chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=4), titles_from_data=True)
    cs = wb.create_chartsheet('图表')
    cs.add_chart(chart)
    wb.save(os.path.join(HERE, 'basic.xlsx'))


def date1904():
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = 'Sheet1'
    ws['A1'] = datetime.date(2021, 1, 1)
    ws['A2'] = 5
    ws['A3'] = datetime.datetime(1904, 1, 2, 6, 0)
    wb.save(os.path.join(HERE, 'date1904.xlsx'))


def convert(name, filter_name, out_name):
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(['soffice', f'-env:UserInstallation=file://{work}/profile', '--headless', '--convert-to',
                        f'xls:{filter_name}', '--outdir', work, os.path.join(HERE, name + '.xlsx')],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.copyfile(os.path.join(work, name + '.xls'), os.path.join(HERE, out_name))


basic()
date1904()
convert('basic', 'MS Excel 97', 'basic.xls')
convert('date1904', 'MS Excel 97', 'date1904.xls')
print(sorted(os.listdir(HERE)))
