"""The Python tools measured against minsheng, one operation per run (see run.py).
usage: tools.py calamine-read FILE | calamine-csv FILE OUT | openpyxl-read FILE | xlsxwriter-write FILE ROWS COLS KIND
       | make-shared FILE ROWS COLS KIND | make-inline FILE ROWS COLS"""
import sys

def text(r, c, unique):
    return f'文本{r}-{c}' if unique else f'南湖区项目{r % 1000}'

op = sys.argv[1]
if op == 'calamine-read':
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(sys.argv[2])
    rows = wb.get_sheet_by_index(0).to_python()
    print(sum(len(r) for r in rows), 'cells')
elif op == 'calamine-csv':
    # What a Python user writes to get a CSV from a workbook: python-calamine and the csv module.
    import csv
    from python_calamine import CalamineWorkbook
    rows = CalamineWorkbook.from_path(sys.argv[2]).get_sheet_by_index(0).to_python()
    with open(sys.argv[3], 'w', newline='', encoding='utf-8') as f:
        csv.writer(f).writerows(rows)
elif op == 'openpyxl-read':
    import openpyxl
    wb = openpyxl.load_workbook(sys.argv[2], read_only=True)
    n = 0
    for row in wb.worksheets[0].iter_rows(values_only=True):
        n += len(row)
    print(n, 'cells')
elif op in ('xlsxwriter-write', 'make-shared'):
    # make-shared: the input for the shared-strings read (XlsxWriter's default mode writes a
    # shared-strings table, as Excel does); xlsxwriter-write: the timed write, in constant-memory mode.
    import xlsxwriter
    rows, cols, unique = int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == 'unique'
    wb = xlsxwriter.Workbook(sys.argv[2], {'constant_memory': op == 'xlsxwriter-write'})
    ws = wb.add_worksheet('Sheet1')
    for r in range(rows):
        for c in range(cols):
            if unique or c % 2 == 1:
                ws.write_string(r, c, text(r, c, unique))
            else:
                ws.write_number(r, c, r * 20 + c + 0.5)
    wb.close()
elif op == 'make-inline':
    # openpyxl writes every string inline: the input for the inline-string read.
    import openpyxl
    rows, cols = int(sys.argv[3]), int(sys.argv[4])
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet('Sheet1')
    for r in range(rows):
        ws.append([text(r, c, True) for c in range(cols)])
    wb.save(sys.argv[2])
else:
    sys.exit('unknown operation ' + op)
