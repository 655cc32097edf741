#!/usr/bin/env python3
"""Writes the integrity test round for July 2021 and what its consolidation must give.

usage: python3 make_integrity_round.py [TEMPLATES_2021-07 [TEMPLATES_2021-06]]
       (run from the package root or anywhere; without template folders it runs
       `.build/debug/minsheng template` for both periods, so build first)

Writes, beside this script:
  round-integrity-openpyxl/   the returns as openpyxl writes them (fill_return.py), and the extras
  round-integrity/            every .xlsx return re-saved by LibreOffice, and the same extras
  round-integrity-expected.json

The expectations come from the SPEC below and the rules of Docs/consolidation.md, never from running
`minsheng consolidate`: each figure is what the clerk typed (a percentage as its percent figure),
or "excluded" with the finding its row must get, or the status of a district with no usable return.
Statuses use the pace of July (7/12); 全市 adds the counted figures (a percentage task averages them,
given as sum and count so the test divides the same way) and is 数据不全 unless every assigned
district with a numeric target counts.

The round (港区 sends nothing):
  南湖区   clean, one project site
  秀洲区   clean figures, one good site and one with longitude and latitude swapped (that site only is left out)
  嘉善县   a first draft dated 2021-08-02 (with 约300 and a site) and the return dated 2021-08-04: the later
           date wins although the draft's name sorts later
  平湖市   three bad figures: 约3, 2-3, 95 typed into a percentage cell
  海盐县   three bad figures of other kinds: 50% in a count task, a changed target, no status
  海宁市   header problems only: no 填报人, 填报日期 typed as 8月4日
  桐乡市   saved by LibreOffice as .xls, .ods and .csv, each cut short in transit (a mail gateway), and
           printed to PDF: all unreadable
  经开区   clean; also a damaged resend and last month's return
  市本级   南湖区's template filled and sent under 市本级's name
  plus an Office lock file (~$…) and a LibreOffice lock file (.~lock…#, hidden)
"""
import json, os, shutil, subprocess, sys, tempfile
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
FILL = os.path.join(HERE, 'fill_return.py')
LO_DIR = os.path.join(HERE, 'round-integrity')
PY_DIR = os.path.join(HERE, 'round-integrity-openpyxl')
EXPECTED = os.path.join(HERE, 'round-integrity-expected.json')
PERIOD = '2021-07'
PACE = Fraction(7, 12)  # 序时进度 at the end of July

# The districts in the notice's order: id, short name (as in file names).
DISTRICTS = [
    ('nanhu', '南湖区'), ('xiuzhou', '秀洲区'), ('jiashan', '嘉善县'), ('pinghu', '平湖市'), ('haiyan', '海盐县'),
    ('haining', '海宁市'), ('tongxiang', '桐乡市'), ('jetdz', '经开区'), ('port', '港区'), ('city', '市本级'),
]
SHORT = dict(DISTRICTS)

# 全市 targets of the tasks whose every assigned district counts in this round, transcribed from the
# notice (Samples/allocation-2021.xlsx): 城际铁路及轨道交通 98, of which 建成 48; 农村公路 70.
CITY_TARGETS = {'P3': Decimal('98'), 'P3.1': Decimal('48'), 'P34': Decimal('70')}

# Share of the target each figure reaches, cycled over a return's rows (shifted per return) so that
# every status and light occurs: at July's pace 7/12, 1 and 1.2 are 提前/超额完成, 0.7 and 0.5 正常推进,
# 0.4 推进缓慢 (yellow), 0.2 and 0 推进缓慢 (red). A percentage never goes above its target.
FACTORS = [Decimal(x) for x in ('1', '0.7', '0.5', '0.4', '0.2', '0', '1.2')]

# Each return: file name, district whose template is filled, period, header, row shift, overrides,
# project sites. An override of a row is {"done": the figure (a percent figure for a percentage),
# "typed": what is typed instead when it is not a figure, "status", "target", "points", "expect": the
# code of the error that leaves the figure out}.
def name(short, period=PERIOD, suffix=''):
    return f'民生实事填报_{short}_{period}{suffix}.xlsx'

SITE_GOOD = (120.7589, 30.7472)
RETURNS = [
    dict(file=name('南湖区'), district='nanhu', header={'填报人': '王丽', '联系电话': '0573-82010001', '填报日期': '2021-08-03'},
         shift=0, text_done='0.85', rows={'P6': {'points': 1}},
         points=[['P6', '南湖区阳光工厂一号', '南湖区中环南路1号', *SITE_GOOD, '已完成', '']],
         outcome='used', sites=['P6|南湖区阳光工厂一号']),
    dict(file=name('秀洲区'), district='xiuzhou', header={'填报人': '陈刚', '联系电话': '0573-82010002', '填报日期': '2021-08-03'},
         shift=1, text_done='0.9', rows={'P4': {'points': 2}, 'P34': {'done': '5'}},
         points=[['P4', '秀洲区公交站', '秀洲区洪兴西路8号', 120.7012, 30.7801, '推进中', ''],
                 ['P4', '新塍公交站', '新塍镇新中路2号', 30.8103, 120.6235, '推进中', '']],  # swapped
         outcome='used', sites=['P4|秀洲区公交站'], errors=['RETURN_POINT_OUTSIDE@P4']),
    dict(file=name('嘉善县'), district='jiashan', header={'填报人': '李娜', '联系电话': '0573-82010003', '填报日期': '2021-08-04'},
         shift=2, text_done='0.8', rows={'P4': {'points': 1}, 'P34': {'done': '20'}},
         points=[['P4', '魏塘公交站', '嘉善县魏塘街道体育南路5号', 120.9254, 30.8307, '推进中', '']],
         outcome='used', sites=['P4|魏塘公交站']),
    # The first draft: an earlier date, a name that sorts after the return's; its figures and site must not count.
    dict(file=name('嘉善县', suffix='（初稿）'), district='jiashan', header={'填报人': '李娜', '联系电话': '0573-82010003', '填报日期': '2021-08-02'},
         shift=4, text_done='0.7', rows={'P5': {'typed': '约300', 'expect': 'RETURN_VALUE_APPROXIMATE'}, 'P4': {'points': 1}, 'P34': {'done': '40'}},
         points=[['P4', '初稿里的公交站', '嘉善县罗星街道1号', 120.9301, 30.8412, '推进中', '']],
         outcome='superseded'),
    dict(file=name('平湖市'), district='pinghu', header={'填报人': '张伟', '联系电话': '0573-82010004', '填报日期': '2021-08-04'},
         shift=3, text_done='0.88',
         rows={'P1.1': {'typed': '约3', 'expect': 'RETURN_VALUE_APPROXIMATE'},
               'P5': {'typed': '2-3', 'expect': 'RETURN_VALUE_RANGE'},
               'C17': {'typed': 95, 'expect': 'RETURN_VALUE_IMPLAUSIBLE'},  # 95 into a percent cell: 9500%
               'P3': {'done': '25'}, 'P34': {'done': '2.5'}},
         outcome='used',
         errors=['RETURN_VALUE_APPROXIMATE@P1.1', 'RETURN_VALUE_RANGE@P5', 'RETURN_VALUE_IMPLAUSIBLE@C17']),
    dict(file=name('海盐县'), district='haiyan', header={'填报人': '刘洋', '联系电话': '0573-82010005', '填报日期': '2021-08-04'},
         shift=5, text_done='0.9',
         rows={'P6': {'typed': '50%', 'expect': 'RETURN_VALUE_WRONG_KIND'},
               'P4': {'target': 99, 'expect': 'RETURN_TARGET_CHANGED'},
               'P7': {'status': None, 'expect': 'RETURN_MISSING_STATUS'}},
         outcome='used',
         errors=['RETURN_VALUE_WRONG_KIND@P6', 'RETURN_TARGET_CHANGED@P4', 'RETURN_MISSING_STATUS@P7']),
    # Header problems only: every figure counts.
    dict(file=name('海宁市'), district='haining', header={'联系电话': '0573-82010006', '填报日期': '8月4日'},
         shift=6, text_done='0.86', rows={'P3': {'done': '48'}, 'P3.1': {'done': '48'}},
         outcome='used', date='2021-08-04', filler=None,
         errors=['RETURN_MISSING_FILLER@-'], warnings=['RETURN_DATE_NORMALISED@-']),
    dict(file=name('桐乡市'), district='tongxiang', header={'填报人': '周敏', '联系电话': '0573-82010007', '填报日期': '2021-08-04'},
         shift=0, text_done='0.9', outcome='source-only'),  # only its LibreOffice .xls/.ods/.csv and a PDF are handed in
    dict(file=name('经开区'), district='jetdz', header={'填报人': '吴静', '联系电话': '0573-82010008', '填报日期': '2021-08-05'},
         shift=2, text_done='0.95', outcome='used'),
    # Last month's return of 经开区, put in this round's folder.
    dict(file=name('经开区', period='2021-06'), district='jetdz', period='2021-06',
         header={'填报人': '吴静', '联系电话': '0573-82010008', '填报日期': '2021-07-05'},
         shift=5, text_done='0.5', rows={'P4': {'points': 1}},
         points=[['P4', '上月的公交站', '经开区城南路1号', 120.7710, 30.7350, '推进中', '']],
         outcome='otherPeriod'),
    # 南湖区's template, filled with other figures, sent under 市本级's name.
    dict(file=name('市本级'), district='nanhu', template_of='nanhu', header={'填报人': '赵强', '联系电话': '0573-82010010', '填报日期': '2021-08-04'},
         shift=3, text_done='0.6', rows={'P4': {'points': 1}},
         points=[['P4', '错名表里的公交站', '南湖区某路1号', 120.7601, 30.7490, '推进中', '']],
         outcome='unattributable', named='city', errors_include=['RETURN_FILE_NAME_MISMATCH']),
]
# 经开区 resends its return, damaged on the way (the first half of the file).
DAMAGED = name('经开区', suffix='（补报）')
OFFICE_LOCK = '~$' + name('南湖区')
LO_LOCK = '.~lock.' + name('平湖市') + '#'
TONGXIANG = ['民生实事填报_桐乡市_2021-07.xls', '民生实事填报_桐乡市_2021-07.ods', '民生实事填报_桐乡市_2021-07.csv', '民生实事填报_桐乡市_2021-07.pdf']


def run(args):
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f'{args[0]} failed: {r.stderr}')
    return r


def templates(period, given):
    if given:
        return given
    out = tempfile.mkdtemp(prefix=f'integrity-templates-{period}-')
    run([os.path.join(ROOT, '.build', 'debug', 'minsheng'), 'template', os.path.join(ROOT, 'Samples', 'allocation-2021.xlsx'),
         '--period', period, '--out', out])
    return out


def template_rows(path):
    """The template's task rows as the clerk sees them: id, target (None for a text target), and
    whether the target is a percentage (unit %); a percentage target as its percent figure."""
    ws = openpyxl.load_workbook(path)['填报']
    header = next(r for r in range(1, 40) if ws.cell(r, 1).value == '编号')
    rows = []
    for r in range(header + 1, ws.max_row + 1):
        task = ws.cell(r, 1).value
        if not task:
            continue
        target, unit = ws.cell(r, 4).value, ws.cell(r, 3).value
        percent = unit == '%'
        if isinstance(target, (int, float)):
            target = Decimal(repr(target)) * (100 if percent else 1)
            target = target.normalize() if target == target.to_integral() else target
        else:
            target = None
        rows.append((task, target, percent))
    return rows


def plain(d):
    """A Decimal as plain text: 3, 2.5, 0.035."""
    s = format(d, 'f')
    return s.rstrip('0').rstrip('.') if '.' in s else s


def typed(d, percent):
    """What the clerk types for a figure: a number (a percentage as the fraction a percent cell holds)."""
    v = d / 100 if percent else d
    return int(v) if v == v.to_integral() else float(plain(v))


def status_text(done, target):
    if target is None:
        return '推进中'
    return '已完成' if done >= target else '推进中' if done > 0 else '未开工'


def judge(done, target):
    """Status and light of a counted figure, by the rule of Docs/consolidation.md."""
    rate = Fraction(done) / Fraction(target)
    behind = PACE - rate
    for edge in (Fraction(1, 10), Fraction(3, 10)):
        assert abs(behind - edge) > Fraction(1, 10**6), f'{done}/{target} is on an edge'
    status = '提前/超额完成' if rate >= 1 else '正常推进' if behind <= Fraction(1, 10) else '推进缓慢'
    light = '绿' if behind <= Fraction(1, 10) else '黄' if behind <= Fraction(3, 10) else '红'
    return status, light


def build(ret, tpl_dir, out_dir, work):
    """Fills one return with fill_return.py; returns the expected figure of each task."""
    district = ret.get('template_of', ret['district'])
    period = ret.get('period', PERIOD)
    rows = template_rows_of(tpl_dir, SHORT[district], period)
    spec_rows, expect = {}, {}
    for i, (task, target, percent) in enumerate(rows):
        o = ret.get('rows', {}).get(task, {})
        if 'typed' in o:
            done = None  # typed as is, not a figure
        elif 'done' in o:
            done = Decimal(o['done'])
        elif target is None:
            done = Decimal(ret['text_done']) * 100
        else:
            f = FACTORS[(i + ret['shift']) % len(FACTORS)]
            if percent:
                f = min(f, Decimal(1))
            exp = Decimal(1) if target == target.to_integral() else Decimal('0.1')
            done = (target * f).quantize(exp, rounding=ROUND_HALF_UP)
        row = {'done': o['typed'] if 'typed' in o else typed(done, percent),
               'status': status_text(done, target) if done is not None else '推进中'}
        for k in ('status', 'target', 'points'):
            if k in o:
                row[k] = o[k]
        spec_rows[task] = row
        if 'expect' in o:
            expect[task] = {'leftOut': o['expect']}
        elif target is None:
            expect[task] = {'done': plain(done), 'status': '—', 'light': ''}
        else:
            s, l = judge(done, target)
            expect[task] = {'done': plain(done), 'status': s, 'light': l}
    spec = {'header': ret['header'], 'rows': spec_rows, 'points': ret.get('points', [])}
    spec_path = os.path.join(work, ret['file'] + '.json')
    with open(spec_path, 'w', encoding='utf-8') as f:
        json.dump(spec, f, ensure_ascii=False)
    out = os.path.join(out_dir, ret['file'])
    tpl = os.path.join(tpl_dir, name(SHORT[district], period))
    run([sys.executable, FILL, tpl, out, spec_path])
    return out, expect


def damage(path, keep):
    """Cuts a file short: to `keep` bytes, or to half its length."""
    with open(path, 'rb') as f:
        data = f.read()
    with open(path, 'wb') as f:
        f.write(data[:keep if keep is not None else len(data) // 2])


def minimal_pdf():
    objects = [b'<< /Type /Catalog /Pages 2 0 R >>', b'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
               b'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>']
    out = bytearray(b'%PDF-1.4\n')
    offsets = []
    for i, o in enumerate(objects, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % i + o + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    for off in offsets:
        out += b'%010d 00000 n \n' % off
    out += b'trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n' % (len(objects) + 1, xref)
    return bytes(out)


def soffice(args, work):
    profile = os.path.join(work, 'lo-profile')
    run(['soffice', f'-env:UserInstallation=file://{profile}', '--headless'] + args)


def main():
    tpl07 = templates('2021-07', sys.argv[1] if len(sys.argv) > 1 else None)
    tpl06 = templates('2021-06', sys.argv[2] if len(sys.argv) > 2 else None)
    work = tempfile.mkdtemp(prefix='integrity-round-')
    for d in (LO_DIR, PY_DIR):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    figures = {}      # district id -> task -> expectation (from the return that must be used)
    files = {}        # file name -> expectation
    tasks_in_order = []
    for d, short in DISTRICTS:
        for task, _, _ in template_rows_of(tpl07, short):
            if task not in tasks_in_order:
                tasks_in_order.append(task)
    for ret in RETURNS:
        out_dir = work if ret['outcome'] == 'source-only' else PY_DIR
        _, expect = build(ret, tpl06 if ret.get('period') == '2021-06' else tpl07, out_dir, work)
        if ret['outcome'] == 'used':
            figures[ret['district']] = expect
        if ret['outcome'] != 'source-only':
            e = {'outcome': ret['outcome'], 'district': ret['district'], 'namedDistrict': ret.get('named', ret['district'])}
            if ret['outcome'] in ('used', 'superseded'):
                header_date = ret['header'].get('填报日期')
                e['date'] = ret.get('date', header_date)
                e['filler'] = ret['header'].get('填报人')
            if ret['outcome'] == 'used':
                e['leftOut'] = sum(1 for x in expect.values() if 'leftOut' in x)
                e['errors'] = sorted(ret.get('errors', []))
                e['warningsInclude'] = sorted(ret.get('warnings', []))
            if ret['outcome'] == 'superseded':
                e['findings'] = ['CONSOLIDATE_DUPLICATE_RETURN']
            if 'errors_include' in ret:
                e['errorsInclude'] = ret['errors_include']
            files[ret['file']] = e

    # Every .xlsx return re-saved by LibreOffice, under the same name.
    xlsx = sorted(os.path.join(PY_DIR, f) for f in os.listdir(PY_DIR))
    soffice(['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', LO_DIR] + xlsx, work)
    assert sorted(os.listdir(LO_DIR)) == sorted(os.listdir(PY_DIR)), 'LibreOffice did not re-save every return'

    # 桐乡市 saved its return by LibreOffice in formats minsheng does not read, and printed it.
    tx = os.path.join(work, name('桐乡市'))
    extras = os.path.join(work, 'extras')
    os.makedirs(extras)
    soffice(['--convert-to', 'xls:MS Excel 97', '--outdir', extras, tx], work)
    soffice(['--convert-to', 'ods', '--outdir', extras, tx], work)
    # The 填报 sheet (the second) as CSV, the way a clerk exports the form.
    soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2', '--outdir', extras, tx], work)
    for f in os.listdir(extras):
        if f.endswith('.csv') and f != TONGXIANG[2]:
            os.rename(os.path.join(extras, f), os.path.join(extras, TONGXIANG[2]))
    # Each was cut short in transit, so that none can be read whatever formats minsheng reads: the .xls
    # keeps only the compound file's header sector, the .ods half of its zip, the .csv ends in binary junk.
    damage(os.path.join(extras, TONGXIANG[0]), keep=1024)
    damage(os.path.join(extras, TONGXIANG[1]), keep=None)
    with open(os.path.join(extras, TONGXIANG[2]), 'ab') as f:
        f.write(bytes(range(0, 32)) * 4)
    with open(os.path.join(extras, TONGXIANG[3]), 'wb') as f:
        f.write(minimal_pdf())
    with open(os.path.join(PY_DIR, name('经开区')), 'rb') as f:
        whole = f.read()
    with open(os.path.join(extras, DAMAGED), 'wb') as f:
        f.write(whole[:len(whole) // 2])
    with open(os.path.join(extras, OFFICE_LOCK), 'wb') as f:
        f.write(bytes([4]) + '王丽'.encode('utf-16-le').ljust(108, b'\0') + b'\0' * 54)
    with open(os.path.join(extras, LO_LOCK), 'w', encoding='utf-8') as f:
        f.write('张伟,DESKTOP-PH,张伟,04.08.2021 10:12,file:///C:/Users/zw/AppData/Roaming/LibreOffice/4;\n')
    for f in sorted(os.listdir(extras)):
        for d in (LO_DIR, PY_DIR):
            shutil.copyfile(os.path.join(extras, f), os.path.join(d, f))
    for f in TONGXIANG:
        assert os.path.exists(os.path.join(extras, f)), f
        files[f] = {'outcome': 'unreadable', 'district': 'tongxiang', 'namedDistrict': 'tongxiang', 'findings': ['CONSOLIDATE_UNREADABLE']}
    files[DAMAGED] = {'outcome': 'unreadable', 'district': 'jetdz', 'namedDistrict': 'jetdz', 'findings': ['CONSOLIDATE_UNREADABLE']}
    files[OFFICE_LOCK] = {'outcome': 'skipped', 'district': None, 'namedDistrict': None, 'findings': []}
    files[LO_LOCK] = {'outcome': 'skipped', 'district': None, 'namedDistrict': None, 'findings': []}
    assert sorted(files) == sorted(os.listdir(LO_DIR)), (sorted(files), sorted(os.listdir(LO_DIR)))

    # District figures: the used return's, or the status of a district without one.
    no_return = {'port': '未报送', 'tongxiang': '报送文件无法读取', 'city': '报送的表无法确定归属'}
    district_figures = {}
    for d, short in DISTRICTS:
        rows = template_rows_of(tpl07, short)
        out = {}
        for task, target, percent in rows:
            if d in figures:
                e = dict(figures[d][task])
                if 'leftOut' in e:
                    e['status'] = '有误未计入'
                    e['light'] = ''
            else:
                e = {'status': '—' if target is None else no_return[d], 'light': ''}
            out[task] = {k: v for k, v in e.items() if not k.startswith('_')}
        district_figures[d] = out

    # 全市 per task: the counted figures added (averaged for a percentage task).
    city = {}
    for task in tasks_in_order:
        rows = {d: r for d, short in DISTRICTS for r in template_rows_of(tpl07, short) if r[0] == task}
        percent = any(r[2] for r in rows.values())
        reported = [Decimal(district_figures[d][task]['done']) for d in rows if 'done' in district_figures[d][task]]
        judged = [d for d, r in rows.items() if r[1] is not None]
        counted = [d for d in judged if 'done' in district_figures[d][task]]
        def total(values):
            if not values:
                return None
            return {'sum': plain(sum(values)), 'count': len(values)} if percent else plain(sum(values))
        e = {'done': total(reported), 'counted': len(counted), 'assigned': len(judged),
             'countedTarget': total([rows[d][1] for d in counted])}
        if not judged:
            e['status'], e['light'] = '—', ''
        elif len(counted) < len(judged):
            e['status'], e['light'] = '数据不全', ''
        else:
            # A complete task must have its 全市 target transcribed in CITY_TARGETS.
            done = sum(reported) / len(reported) if percent else sum(reported)
            e['status'], e['light'] = judge(done, CITY_TARGETS[task])
        city[task] = e

    sites = sorted(f'{r["district"]}|{s}' for r in RETURNS if r['outcome'] == 'used' for s in r.get('sites', []))
    expected = {
        'period': PERIOD,
        'folders': [os.path.basename(LO_DIR), os.path.basename(PY_DIR)],
        'files': dict(sorted(files.items())),
        'districts': {
            'reported': [d for d, _ in DISTRICTS if d in figures],
            'missing': ['port'], 'unreadable': ['tongxiang'], 'unattributed': ['city'],
            'excluded': [d for d, _ in DISTRICTS if d in figures and any('leftOut' in x for x in figures[d].values())],
        },
        'figures': district_figures,
        'city': city,
        'sites': sites,
    }
    with open(EXPECTED, 'w', encoding='utf-8') as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write('\n')
    shutil.rmtree(work, ignore_errors=True)
    for given, made in ((sys.argv[1:2], tpl07), (sys.argv[2:3], tpl06)):
        if not given:
            shutil.rmtree(made, ignore_errors=True)
    print(f'{len(files)} files in each folder; {sum(len(v) for v in district_figures.values())} figures; {len(city)} tasks')


_rows_cache = {}
def template_rows_of(tpl_dir, short, period=PERIOD):
    key = (tpl_dir, short, period)
    if key not in _rows_cache:
        _rows_cache[key] = template_rows(os.path.join(tpl_dir, name(short, period)))
    return _rows_cache[key]


if __name__ == '__main__':
    main()
