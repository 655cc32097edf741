#!/usr/bin/env python3
"""One district's return in every format offices save it in, for the formats tests.

A template for 秀洲区, June 2021, is filled by openpyxl (fill_return.py) with three mistakes a clerk makes
(约3 for P4, no status for C1, 95 typed into a percentage cell for C17) and then saved by LibreOffice as
.xls (Excel 97-2003), .ods and .csv (the 填报 sheet). minsheng must read each by its content and give the
same findings for the task rows as for the .xlsx.

usage (from the package root, after `swift build`): python3 Tests/MinshengKitTests/Fixtures/formats/make_format_returns.py"""
import json, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
NAME = '民生实事填报_秀洲区_2021-06'
SPEC = {
    'header': {'填报人': '李四', '联系电话': '0573-2', '填报日期': '2021-07-05'},
    'default': {'done': 'target', 'status': '推进中'},
    'rows': {'P4': {'done': '约3'}, 'C1': {'status': None}, 'C17': {'done': 95}},
}

def soffice(args, work):
    subprocess.run(['soffice', f'-env:UserInstallation=file://{work}/profile', '--headless'] + args, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

with tempfile.TemporaryDirectory() as work:
    subprocess.run([os.path.join(ROOT, '.build', 'debug', 'minsheng'), 'template', os.path.join(ROOT, 'Samples', 'allocation-2021.xlsx'),
                    '--period', '2021-06', '--district', '秀洲区', '--out', work], check=True, stdout=subprocess.DEVNULL)
    spec = os.path.join(work, 'spec.json')
    json.dump(SPEC, open(spec, 'w', encoding='utf-8'), ensure_ascii=False)
    filled = os.path.join(HERE, NAME + '.xlsx')
    subprocess.run([sys.executable, os.path.join(HERE, '..', 'fill_return.py'), os.path.join(work, NAME + '.xlsx'), filled, spec], check=True)
    soffice(['--convert-to', 'xls:MS Excel 97', '--outdir', HERE, filled], work)
    soffice(['--convert-to', 'ods', '--outdir', HERE, filled], work)
    # The 填报 sheet (the second) as UTF-8 CSV, as a clerk exports the form.
    soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2', '--outdir', work, filled], work)
    produced = [f for f in os.listdir(work) if f.endswith('.csv')]
    shutil.copyfile(os.path.join(work, produced[0]), os.path.join(HERE, NAME + '.csv'))
print(sorted(os.listdir(HERE)))
