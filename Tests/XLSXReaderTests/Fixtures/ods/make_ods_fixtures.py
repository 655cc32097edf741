#!/usr/bin/env python3
"""Writes the OpenDocument fixtures of ODSReaderTests, next to this script.

An .xlsx is written with openpyxl, then converted by LibreOffice to .ods and .fods, so the fixtures are
what LibreOffice really writes (repeated rows and cells, text:s, covered cells, percentage and time
cells, a hidden sheet):
    python3 Tests/XLSXReaderTests/Fixtures/ods/make_ods_fixtures.py

The hostile documents (hostile-*.xml, hostile-*.ods) are written by hand below. The tests assert exact
values, so a change here needs the same change in ODSReaderTests.swift.
"""
import datetime as dt
import os
import shutil
import subprocess
import tempfile
import zipfile

import openpyxl
from openpyxl.styles import Alignment

HERE = os.path.dirname(os.path.abspath(__file__))


def workbook():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = '数据'
    ws.append(['地区', '数量', '完成率', '日期', '时间', '是否', '备注'])
    ws.append(['东城区', 1234.5, 0.256, dt.date(2021, 7, 1), dt.time(10, 30), True, '第一段\n第二段'])
    ws.append(['西城区', 8.1, 0.5, dt.datetime(2021, 7, 1, 12, 0), dt.timedelta(hours=36, minutes=15), False, 'a   b'])
    ws.append(['隐藏行', 3, None, None, None, None, '  前导空格'])
    for r in (2, 3, 4):
        ws.cell(r, 3).number_format = '0.00%' if r == 2 else '0%'
        ws.cell(r, 4).number_format = 'yyyy-mm-dd' if r == 2 else 'yyyy-mm-dd hh:mm'
        ws.cell(r, 5).number_format = 'hh:mm:ss' if r == 2 else '[h]:mm:ss'
    ws.cell(2, 6).number_format = ws.cell(3, 6).number_format = '"TRUE";"TRUE";"FALSE"'
    ws.cell(2, 7).alignment = Alignment(wrap_text=True)
    ws.row_dimensions[4].hidden = True
    ws['A5'] = '合并单元格'
    ws.merge_cells('A5:C6')
    for c in range(1, 6):
        ws.cell(7, c, '同')
    for r in (8, 9, 10):
        for c in range(1, 4):
            ws.cell(r, c, 0)
    ws['A11'] = '=SUM(B2:B3)'
    ws['B11'] = '=1/0'
    ws['C11'] = "='隐藏'!A1&\"！\""
    ws['D11'] = 'tab\there'
    ws['E11'] = -0.125
    ws['F11'] = 1e-7
    ws['G11'] = 12345678901234567
    ws['H1'] = '隐藏列'
    ws.column_dimensions['H'].hidden = True
    ws['A12'] = '链接'
    ws['A12'].hyperlink = 'https://www.example.com/路径'
    hidden = wb.create_sheet('隐藏')
    hidden['A1'] = '隐藏表'
    hidden.sheet_state = 'hidden'
    wb.create_sheet('空表')
    return wb


def convert(source, fmt, outdir):
    subprocess.run(
        ['soffice', '-env:UserInstallation=file:///tmp/lo-ods', '--headless', '--convert-to', fmt, '--outdir', outdir, source],
        check=True, capture_output=True, timeout=180)


def hostile():
    """Hand-written hostile documents: each must throw or stay bounded, fast."""
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
            '<office:body><office:spreadsheet><table:table table:name="S">')
    tail = '</table:table></office:spreadsheet></office:body></office:document-content>'
    docs = {
        # One non-empty cell repeated 2^31 times.
        'hostile-repeated-cell.xml': head + '<table:table-row><table:table-cell table:number-columns-repeated="2147483648" '
        'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>' + tail,
        # A row with content repeated 1,048,576 times, twelve cells wide: past the expansion budget.
        'hostile-repeated-rows.xml': head + '<table:table-row table:number-rows-repeated="1048576"><table:table-cell '
        'table:number-columns-repeated="12" office:value-type="string"><text:p>x</text:p></table:table-cell>'
        '</table:table-row>' + tail,
        # Empty rows and cells repeated as LibreOffice does, then one value past them: nothing is materialised.
        'hostile-empty-repeats.xml': head + '<table:table-row table:number-rows-repeated="1048575"><table:table-cell '
        'table:number-columns-repeated="16384"/></table:table-row><table:table-row><table:table-cell '
        'table:number-columns-repeated="16383"/><table:table-cell office:value-type="float" office:value="7"/>'
        '</table:table-row><table:table-row table:number-rows-repeated="2147483647"><table:table-cell/>'
        '</table:table-row>' + tail,
        # Elements nested 1,000 deep inside a paragraph.
        'hostile-deep-nesting.xml': head + '<table:table-row><table:table-cell><text:p>'
        + '<text:span>' * 1000 + 'x' + '</text:span>' * 1000 + '</text:p></table:table-cell></table:table-row>' + tail,
        # A DOCTYPE with an entity that would expand a billion times.
        'hostile-doctype.xml': '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
        '"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n' + head[head.index('<office:document-content'):]
        + '<table:table-row><table:table-cell office:value-type="string"><text:p>&lol2;</text:p></table:table-cell>'
        '</table:table-row>' + tail,
        # text:s with a count of two billion spaces.
        'hostile-spaces.xml': head + '<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s '
        'text:c="2000000000"/>b</text:p></table:table-cell></table:table-row>' + tail,
    }
    for name, text in docs.items():
        with open(os.path.join(HERE, name), 'w', encoding='utf-8') as f:
            f.write(text)
    # An .ods whose manifest says it is encrypted, as LibreOffice writes one with a password.
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="2048">'
                '<manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" '
                'manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" '
                'manifest:initialisation-vector="AAAA"/></manifest:encryption-data></manifest:file-entry></manifest:manifest>')
    write_zip('hostile-encrypted.ods', [
        ('mimetype', 'application/vnd.oasis.opendocument.spreadsheet', zipfile.ZIP_STORED),
        ('content.xml', bytes(range(256)) * 8, zipfile.ZIP_DEFLATED),
        ('META-INF/manifest.xml', manifest, zipfile.ZIP_DEFLATED),
    ])
    # An OpenDocument text document: a zip with the text mimetype.
    write_zip('hostile-text-document.odt', [
        ('mimetype', 'application/vnd.oasis.opendocument.text', zipfile.ZIP_STORED),
        ('content.xml', head.replace('<office:spreadsheet><table:table table:name="S">', '<office:text>')
         + '<text:p>hello</text:p></office:text></office:body></office:document-content>', zipfile.ZIP_DEFLATED),
    ])


def write_zip(name, parts):
    with zipfile.ZipFile(os.path.join(HERE, name), 'w') as z:
        for part, data, method in parts:
            info = zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = method
            info.external_attr = 0o644 << 16
            z.writestr(info, data.encode('utf-8') if isinstance(data, str) else data)


def main():
    source = os.path.join(HERE, 'libreoffice.xlsx')
    workbook().save(source)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ('ods', 'fods'):
            convert(source, fmt, tmp)
            shutil.copy(os.path.join(tmp, 'libreoffice.' + fmt), os.path.join(HERE, 'libreoffice.' + fmt))
    hostile()


if __name__ == '__main__':
    main()
