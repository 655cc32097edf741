#!/usr/bin/env python3
"""Writes the small workbooks the XLSXReader tests open, next to this script.

Hand-written XML in python's zipfile, with fixed timestamps, so running it again gives the same bytes:
    python3 Tests/XLSXReaderTests/Fixtures/make_fixtures.py
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
CT = 'http://schemas.openxmlformats.org/package/2006/content-types'
S_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main'
S_REL = 'http://purl.oclc.org/ooxml/officeDocument/relationships'
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def write_zip(name, parts):
    """Writes `parts` (name -> text) in the given order, deflated, dated 1980-01-01."""
    path = os.path.join(HERE, name)
    with zipfile.ZipFile(path, 'w') as z:
        for part, text in parts:
            info = zipfile.ZipInfo(part, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, text.encode('utf-8') if isinstance(text, str) else text)
    return path


def content_types(overrides):
    items = ''.join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
    return (DECL + f'<Types xmlns="{CT}"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + items + '</Types>')


def rels(items, rel_ns=REL):
    body = ''.join(f'<Relationship Id="{i}" Type="{rel_ns}/{t}" Target="{target}"/>' for i, t, target in items)
    return DECL + f'<Relationships xmlns="{PKG}">{body}</Relationships>'


def sheet(rows, extra='', ns=MAIN, before=''):
    return DECL + f'<worksheet xmlns="{ns}" xmlns:r="{REL}">{before}<sheetData>{rows}</sheetData>{extra}</worksheet>'


WB_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'
WS_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml'
STYLES = (DECL + f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>'
          '</numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="46"/></cellXfs></styleSheet>')


def unusual_parts():
    """The workbook at /xl/wb.xml (absolute target), sheets under xl/ws/, strings at /xl/strings.xml;
    a visible, a hidden and a very hidden sheet; merged cells; a local defined name."""
    wb = (DECL + f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
          '<sheet name="Data" sheetId="1" r:id="rId1"/>'
          '<sheet name="Hidden" sheetId="2" state="hidden" r:id="rId2"/>'
          '<sheet name="Secret" sheetId="3" state="veryHidden" r:id="rId3"/></sheets>'
          '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">Data!$A$1:$C$3</definedName>'
          '</definedNames></workbook>')
    sst = (DECL + f'<sst xmlns="{MAIN}" count="3" uniqueCount="3"><si><t>标题</t></si><si><t>hidden</t></si>'
           '<si><t>secret</t></si></sst>')
    data = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>3</v></c></row>'
                 '<row r="2"><c r="C2" s="1"><v>44197</v></c></row>'
                 '<row r="3"><c r="A3" t="b"><v>1</v></c><c r="B3" s="2"><v>1.5</v></c></row>',
                 '<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>')
    return write_zip('unusual_parts.xlsx', [
        ('[Content_Types].xml', content_types([('/xl/wb.xml', WB_TYPE), ('/xl/ws/a.xml', WS_TYPE)])),
        ('_rels/.rels', rels([('rId1', 'officeDocument', '/xl/wb.xml')])),
        ('xl/wb.xml', wb),
        ('xl/_rels/wb.xml.rels', rels([('rId1', 'worksheet', 'ws/a.xml'), ('rId2', 'worksheet', 'ws/b.xml'),
                                       ('rId3', 'worksheet', '/xl/ws/c.xml'), ('rId4', 'sharedStrings', '/xl/strings.xml'),
                                       ('rId5', 'styles', 'st.xml')])),
        ('xl/ws/a.xml', data),
        ('xl/ws/b.xml', sheet('<row r="1"><c r="A1" t="s"><v>1</v></c></row>')),
        ('xl/ws/c.xml', sheet('<row r="1"><c r="A1" t="s"><v>2</v></c></row>')),
        ('xl/strings.xml', sst),
        ('xl/st.xml', STYLES),
    ])


def strict():
    """An ISO Strict workbook: purl.oclc.org namespaces and relationship types, a t="d" cell."""
    wb = (DECL + f'<workbook xmlns="{S_MAIN}" xmlns:r="{S_REL}" conformance="strict"><workbookPr dateCompatibility="0"/>'
          '<sheets><sheet name="Strict" sheetId="1" r:id="rId1"/></sheets></workbook>')
    sst = DECL + f'<sst xmlns="{S_MAIN}"><si><t>严格</t></si></sst>'
    data = sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>42</v></c>'
                 '<c r="C1" t="d"><v>2021-01-01T12:00:00</v></c><c r="D1" t="d"><v>PT1H0M0.000S</v></c></row>',
                 ns=S_MAIN)
    return write_zip('strict.xlsx', [
        ('[Content_Types].xml', content_types([('/xl/workbook.xml', WB_TYPE), ('/xl/worksheets/sheet1.xml', WS_TYPE)])),
        ('_rels/.rels', rels([('rId1', 'officeDocument', 'xl/workbook.xml')], S_REL)),
        ('xl/workbook.xml', wb),
        ('xl/_rels/workbook.xml.rels', rels([('rId1', 'worksheet', 'worksheets/sheet1.xml'),
                                             ('rId2', 'sharedStrings', 'sharedStrings.xml')], S_REL)),
        ('xl/worksheets/sheet1.xml', data),
        ('xl/sharedStrings.xml', sst),
    ])


def standard(name, workbook_pr='', sheet_xml=None, sheets=None, extra_parts=()):
    """A workbook in the usual layout: xl/workbook.xml, xl/worksheets/sheetN.xml, xl/styles.xml."""
    sheets = sheets or [('Sheet1', 'rId1')]
    entries = ''.join(f'<sheet name="{n}" sheetId="{i + 1}"' + (f' r:id="{r}"' if r else '') + '/>'
                      for i, (n, r) in enumerate(sheets))
    wb = DECL + f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{workbook_pr}<sheets>{entries}</sheets></workbook>'
    parts = [
        ('[Content_Types].xml', content_types([('/xl/workbook.xml', WB_TYPE)])),
        ('_rels/.rels', rels([('rId1', 'officeDocument', 'xl/workbook.xml')])),
        ('xl/workbook.xml', wb),
        ('xl/_rels/workbook.xml.rels', rels([(r, 'worksheet', f'worksheets/sheet{i + 1}.xml')
                                             for i, (_, r) in enumerate(sheets) if r]
                                            + [('rIdS', 'styles', 'styles.xml')])),
        ('xl/styles.xml', STYLES),
    ]
    if sheet_xml is not None:
        parts.append(('xl/worksheets/sheet1.xml', sheet_xml))
    return write_zip(name, parts + list(extra_parts))


def date1904():
    """date1904="1": serial 0 is 1904-01-01 and 42735.5 is 2021-01-01 at noon."""
    return standard('date1904.xlsx', '<workbookPr date1904="1"/>',
                    sheet('<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>42735.5</v></c>'
                          '<c r="C1"><v>42735</v></c></row>'))


def many_rows():
    """400 rows of about 300 bytes each, more than one 64 KiB chunk, for the streaming reader."""
    pad = 'x' * 200
    rows = ''.join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr"><is><t>{pad}</t></is></c>'
                   f'<c r="C{r}"><f>A{r}*2</f><v>{2 * r}</v></c></row>' for r in range(1, 401))
    return standard('many_rows.xlsx', sheet_xml=sheet(rows))


def missing_sheet():
    """The second sheet's part is absent; the third has no relationship at all."""
    return standard('missing_sheet.xlsx', sheet_xml=sheet('<row r="1"><c r="A1"><v>1</v></c></row>'),
                    sheets=[('Present', 'rId1'), ('Absent', 'rId2'), ('NoRel', None)])


def beta_namespace():
    """An Office 2007 beta workbook: the root element is in a pre-standard namespace, so no sheet is
    SpreadsheetML (as openxmlsdk/ProjectStatusReport_TP10094814.xltx of the corpus)."""
    beta = 'http://schemas.microsoft.com/office/excel/2005/8/workbook'
    wb = (DECL + f'<workbook xmlns="{beta}" xmlns:r="http://schemas.microsoft.com/office/2005/11/relationships">'
          '<sheets><sheet name="Beta" tabId="1" r:id="rId1"/></sheets></workbook>')
    return write_zip('beta_namespace.xlsx', [
        ('[Content_Types].xml', content_types([('/xl/workbook.xml', WB_TYPE)])),
        ('_rels/.rels', rels([('rId1', 'officeDocument', 'xl/workbook.xml')])),
        ('xl/workbook.xml', wb),
        ('xl/_rels/workbook.xml.rels', rels([('rId1', 'worksheet', 'worksheets/sheet1.xml')])),
        ('xl/worksheets/sheet1.xml', sheet('<row r="1"><c r="A1"><v>1</v></c></row>')),
    ])


def legacy():
    """The OLE compound-file signature of .xls and encrypted workbooks, padded to one sector."""
    path = os.path.join(HERE, 'legacy.xls')
    with open(path, 'wb') as f:
        f.write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))


def not_a_zip():
    with open(os.path.join(HERE, 'not_a_zip.xlsx'), 'wb') as f:
        f.write(b'name,amount\nA,1\n')


def truncated(source):
    with open(source, 'rb') as f:
        data = f.read()
    with open(os.path.join(HERE, 'truncated.xlsx'), 'wb') as f:
        f.write(data[:len(data) // 2])


if __name__ == '__main__':
    full = unusual_parts()
    strict()
    date1904()
    many_rows()
    missing_sheet()
    beta_namespace()
    legacy()
    not_a_zip()
    truncated(full)
