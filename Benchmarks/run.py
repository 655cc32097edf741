#!/usr/bin/env python3
"""Measures minsheng against the tools people use today, in the same run, on the same files.

usage: python3 Benchmarks/run.py [--runs 5] [--quick] [--doc Docs/performance.md]

Builds minsheng-bench (release) and the two C programs, generates the inputs once into
Benchmarks/.data, then runs every operation --runs times and reports the median wall time, the peak
resident memory (GNU time's %M) and the ratios the targets are stated in. Needs: swift, cc,
pkg-config, libzip-dev, libxml2-dev, libxlsxwriter-dev, GNU time (/usr/bin/time), and
pip install python-calamine openpyxl xlsxwriter. Not part of the tests: ratios, never fixed times."""
import argparse, os, platform, shutil, statistics, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(HERE, '.data')
PY = [sys.executable, os.path.join(HERE, 'python', 'tools.py')]

def sh(cmd, **kw):
    subprocess.run(cmd, check=True, **kw)

def build():
    sh(['swift', 'build', '-c', 'release', '--package-path', HERE], stdout=subprocess.DEVNULL)
    bin_dir = subprocess.run(['swift', 'build', '-c', 'release', '--package-path', HERE, '--show-bin-path'], check=True, capture_output=True, text=True).stdout.strip()
    os.makedirs(DATA, exist_ok=True)
    flags = lambda pkgs: subprocess.run(['pkg-config', '--cflags', '--libs'] + pkgs, check=True, capture_output=True, text=True).stdout.split()
    sh(['cc', '-O2', '-o', os.path.join(DATA, 'floor'), os.path.join(HERE, 'c', 'floor.c')] + flags(['libzip', 'libxml-2.0']))
    sh(['cc', '-O2', '-o', os.path.join(DATA, 'write_libxlsxwriter'), os.path.join(HERE, 'c', 'write_libxlsxwriter.c')] + flags(['xlsxwriter']))
    sh(['cc', '-O2', '-o', os.path.join(DATA, 'csv_libxlsxwriter'), os.path.join(HERE, 'c', 'csv_libxlsxwriter.c')] + flags(['xlsxwriter']))
    # The command-line tool as users run it, built the same way.
    sh(['swift', 'build', '-c', 'release', '--package-path', ROOT, '--product', 'minsheng'], stdout=subprocess.DEVNULL)
    cli = os.path.join(subprocess.run(['swift', 'build', '-c', 'release', '--package-path', ROOT, '--show-bin-path'], check=True, capture_output=True, text=True).stdout.strip(), 'minsheng')
    return os.path.join(bin_dir, 'minsheng-bench'), cli

def measure(cmd, runs, setup=None):
    """Median seconds and peak RSS (MiB) over runs."""
    times, peaks = [], []
    for _ in range(runs):
        if setup:
            setup()
        with tempfile.NamedTemporaryFile('r') as out:
            sh(['/usr/bin/time', '-f', '%e %M', '-o', out.name] + cmd, stdout=subprocess.DEVNULL)
            t, m = out.read().split()[-2:]
        times.append(float(t))
        peaks.append(int(m) / 1024)
    return statistics.median(times), max(peaks)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--quick', action='store_true', help='smaller inputs, to try the script')
    ap.add_argument('--doc', help='write the table into this markdown file')
    a = ap.parse_args()
    rows = 10_000 if a.quick else 100_000
    n_inline = 5_000 if a.quick else 50_000
    n_districts = 100 if a.quick else 1000
    bench, cli = build()
    mixed = os.path.join(DATA, f'mixed-{rows}x20.xlsx')
    inline = os.path.join(DATA, f'inline-{n_inline}x20.xlsx')
    plan = os.path.join(ROOT, 'Samples', 'allocation-2021.xlsx')
    returns = os.path.join(DATA, f'returns-{n_districts}')
    if not os.path.exists(mixed):
        sh(PY + ['make-shared', mixed, str(rows), '20', 'mixed'])
    if not os.path.exists(inline):
        sh(PY + ['make-inline', inline, str(n_inline), '20'])
    if not os.path.exists(returns):
        sh([bench, 'returns', plan, str(n_districts), returns])
    out = os.path.join(DATA, 'out.xlsx')
    tdir = os.path.join(DATA, 'templates')
    results = []

    def row(group, name, cmd, **kw):
        t, m = measure(cmd, a.runs, **kw)
        results.append((group, name, t, m))
        print(f'{group:34} {name:38} {t:8.3f} s {m:8.1f} MiB', flush=True)
        return t

    g = f'read {rows:,} × 20 (shared strings)'
    r_min = row(g, 'minsheng', [bench, 'read', mixed])
    r_cal = row(g, 'python-calamine', PY + ['calamine-read', mixed])
    r_opx = row(g, 'openpyxl (read-only)', PY + ['openpyxl-read', mixed])
    r_flo = row(g, 'floor (libzip + libxml2 SAX, no-op)', [os.path.join(DATA, 'floor'), mixed])
    g2 = f'read {n_inline * 20:,} cells (inline strings)'
    i_min = row(g2, 'minsheng', [bench, 'read', inline])
    i_cal = row(g2, 'python-calamine', PY + ['calamine-read', inline])
    i_opx = row(g2, 'openpyxl (read-only)', PY + ['openpyxl-read', inline])
    i_flo = row(g2, 'floor (libzip + libxml2 SAX, no-op)', [os.path.join(DATA, 'floor'), inline])
    g3 = f'write {rows:,} × 20 (numbers + text)'
    w_min = row(g3, 'minsheng (level 6)', [bench, 'write', out, str(rows), '20', 'mixed'])
    w_inl = row(g3, 'minsheng (inline strings, constant memory)', [bench, 'write', out, str(rows), '20', 'mixed', 'inline'])
    w_lxw = row(g3, 'libxlsxwriter (constant memory)', [os.path.join(DATA, 'write_libxlsxwriter'), out, str(rows), '20', 'mixed'])
    w_pxw = row(g3, 'XlsxWriter (Python, constant memory)', PY + ['xlsxwriter-write', out, str(rows), '20', 'mixed'])
    g4 = f'write {n_inline * 20:,} unique strings'
    u_min = row(g4, 'minsheng (level 6)', [bench, 'write', out, str(n_inline), '20', 'unique'])
    u_inl = row(g4, 'minsheng (inline strings, constant memory)', [bench, 'write', out, str(n_inline), '20', 'unique', 'inline'])
    u_lxw = row(g4, 'libxlsxwriter (constant memory)', [os.path.join(DATA, 'write_libxlsxwriter'), out, str(n_inline), '20', 'unique'])
    u_pxw = row(g4, 'XlsxWriter (Python, constant memory)', PY + ['xlsxwriter-write', out, str(n_inline), '20', 'unique'])
    # The other formats offices send, made from the same sheet by LibreOffice (BIFF8 stops at 65,536 rows).
    xls_rows = min(rows, 65_536)
    xls = os.path.join(DATA, f'mixed-{xls_rows}x20.xls')
    ods = os.path.join(DATA, f'mixed-{rows}x20.ods')
    if shutil.which('soffice') and not (os.path.exists(xls) and os.path.exists(ods)):
        src = os.path.join(DATA, f'mixed-{xls_rows}x20.xlsx')
        if not os.path.exists(src):
            sh(PY + ['make-shared', src, str(xls_rows), '20', 'mixed'])
        profile = f'-env:UserInstallation=file://{DATA}/lo-profile'
        sh(['soffice', profile, '--headless', '--convert-to', 'xls:MS Excel 97', '--outdir', DATA, src], stdout=subprocess.DEVNULL)
        sh(['soffice', profile, '--headless', '--convert-to', 'ods', '--outdir', DATA, mixed], stdout=subprocess.DEVNULL)
    x_min = x_cal = o_min = o_cal = o_flo = None
    if os.path.exists(xls) and os.path.exists(ods):
        gx = f'read {xls_rows:,} × 20 .xls'
        x_min = row(gx, 'minsheng', [bench, 'read', xls])
        x_cal = row(gx, 'python-calamine', PY + ['calamine-read', xls])
        go = f'read {rows:,} × 20 .ods'
        o_min = row(go, 'minsheng', [bench, 'read', ods])
        o_cal = row(go, 'python-calamine', PY + ['calamine-read', ods])
        # What libxml2 alone takes over content.xml: the least any reader on it can take (issue #15).
        o_flo = row(go, 'floor (libzip + libxml2 SAX, no-op) on content.xml', [os.path.join(DATA, 'floor'), ods, 'content.xml'])
    # The commands people run, as whole processes, against the library's own read of the same sheet.
    gc = f'cat / convert {rows:,} × 20 (whole processes)'
    csv_out = os.path.join(DATA, 'out.csv')
    c_read = row(gc, 'library read only (minsheng-bench read)', [bench, 'read', mixed])
    c_csv = row(gc, 'minsheng cat --format csv', [cli, 'cat', mixed, '--format', 'csv'])
    c_tsv = row(gc, 'minsheng cat --format tsv', [cli, 'cat', mixed, '--format', 'tsv'])
    c_json = row(gc, 'minsheng cat --format json', [cli, 'cat', mixed, '--format', 'json'])
    c_cells = row(gc, 'minsheng cat --format cells', [cli, 'cat', mixed, '--format', 'cells'])
    c_conv = row(gc, 'minsheng convert xlsx → csv', [cli, 'convert', mixed, csv_out])
    c_cal = row(gc, 'python-calamine + csv module → csv', PY + ['calamine-csv', mixed, csv_out])
    sh([cli, 'convert', mixed, csv_out])
    gw = f'csv → xlsx {rows:,} × 20'
    x_conv = row(gw, 'minsheng convert csv → xlsx', [cli, 'convert', csv_out, out])
    x_lxw = row(gw, 'libxlsxwriter (C, constant memory) from the same CSV', [os.path.join(DATA, 'csv_libxlsxwriter'), csv_out, out])
    g5 = f'{n_districts:,} districts'
    t_tpl = row(g5, 'template (one workbook each)', [bench, 'templates', plan, str(n_districts), tdir], setup=lambda: shutil.rmtree(tdir, ignore_errors=True))
    c2 = row(g5, 'consolidate, 2 workers', [bench, 'consolidate', plan, str(n_districts), returns, '2'])
    c1 = row(g5, 'consolidate, 1 worker', [bench, 'consolidate', plan, str(n_districts), returns, '1'])
    rd = row(g5, 'only read the returns, 2 workers', [bench, 'read-returns', plan, str(n_districts), returns, '2'])

    ratios = [
        ('reader vs python-calamine (SST)', r_cal / r_min, 'at least 2× faster'),
        ('reader vs python-calamine (inline)', i_cal / i_min, 'at least 2× faster'),
        ('reader vs the floor (SST)', r_min / r_flo, 'at most 1.3×'),
        ('reader vs the floor (inline)', i_min / i_flo, 'at most 1.3×'),
        ('reader vs openpyxl (SST)', r_opx / r_min, '—'),
        ('writer vs libxlsxwriter (mixed)', w_lxw / w_min, 'no slower (≥ 1)'),
        ('writer vs libxlsxwriter (unique)', u_lxw / u_min, 'no slower (≥ 1)'),
        ('writer, inline strings, vs libxlsxwriter (mixed)', w_lxw / w_inl, 'no slower (≥ 1)'),
        ('writer, inline strings, vs libxlsxwriter (unique)', u_lxw / u_inl, 'no slower (≥ 1)'),
        ('writer vs Python XlsxWriter (mixed)', w_pxw / w_min, 'at least 5×'),
        ('consolidate vs only reading', c2 / rd, 'at most 1.5×'),
        ('one district template, ms', t_tpl / n_districts * 1000, 'at most 10 ms'),
        ('cat --format csv vs the library read', c_csv / c_read, 'at most 1.15×'),
        ('cat --format tsv vs the library read', c_tsv / c_read, 'at most 1.15×'),
        ('cat --format json vs the library read', c_json / c_read, 'at most 1.15×'),
        ('cat --format cells vs the library read', c_cells / c_read, 'at most 1.15×'),
        ('convert xlsx → csv vs the library read', c_conv / c_read, 'at most 1.15×'),
        ('cat --format csv vs python-calamine + csv', c_cal / c_csv, 'at least 2.5× faster'),
        ('convert csv → xlsx vs libxlsxwriter', x_conv / x_lxw, 'at most 1.2×'),
        ('consolidate, 1 worker vs 2', c1 / c2, 'faster on two (> 1)'),
    ]
    if x_min:
        ratios += [('.xls reader vs python-calamine', x_cal / x_min, 'at least 2× faster'),
                   ('.ods reader vs python-calamine', o_cal / o_min, 'at least 2× faster'),
                   ('.ods reader vs the floor on content.xml', o_min / o_flo, '—'),
                   ('python-calamine vs the floor on content.xml', o_cal / o_flo, '—')]
    print()
    for name, value, target in ratios:
        print(f'{name:40} {value:6.2f}   target: {target}')
    if a.doc:
        lines = ['| operation | tool | median (s) | peak memory (MiB) |', '|---|---|---|---|']
        lines += [f'| {g} | {n} | {t:.3f} | {m:.1f} |' for g, n, t, m in results]
        lines += ['', '| ratio | value | target |', '|---|---|---|']
        lines += [f'| {n} | {v:.2f} | {t} |' for n, v, t in ratios]
        machine = f'{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}'
        table = '\n'.join(lines) + f'\n\nMachine: {machine}. Medians of {a.runs} runs.\n'
        text = open(a.doc, encoding='utf-8').read()
        start, end = text.index('<!-- results -->'), text.index('<!-- /results -->')
        open(a.doc, 'w', encoding='utf-8').write(text[:start] + '<!-- results -->\n' + table + text[end:])

if __name__ == '__main__':
    main()
