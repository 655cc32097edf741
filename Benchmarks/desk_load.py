#!/usr/bin/env python3
"""Load test of the web desk: many districts uploading real returns at once, from a second process.

usage: python3 Benchmarks/desk_load.py [--uploads 200] [--concurrency 200] [--doc Docs/performance.md]

Builds minsheng-server and minsheng (release), starts the desk on a new data folder with the sample plan,
then (1) uploads the sample round's returns one after another, (2) sends --uploads uploads with
--concurrency of them in flight at once, each on its own connection, and (3) checks that every upload was
acknowledged, stored and counted (the summary lists each file once). Reports p50/p99 latency and uploads per
second, beside `minsheng check` of one return as a process (the same work from the command line)."""
import argparse, http.client, json, os, statistics, subprocess, sys, tempfile, threading, time, uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ROUND = os.path.join(ROOT, 'Samples', 'round-2021-06')
PLAN = os.path.join(ROOT, 'Samples', 'allocation-2021.xlsx')
PASSWORD = 'load-test-password'


def build():
    subprocess.run(['swift', 'build', '-c', 'release', '--package-path', ROOT, '--product', 'minsheng-server'], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(['swift', 'build', '-c', 'release', '--package-path', ROOT, '--product', 'minsheng'], check=True, stdout=subprocess.DEVNULL)
    bin_dir = subprocess.run(['swift', 'build', '-c', 'release', '--package-path', ROOT, '--show-bin-path'], check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(bin_dir, 'minsheng-server'), os.path.join(bin_dir, 'minsheng')


def start(server, data):
    env = dict(os.environ, MINSHENG_OFFICE_PASSWORD=PASSWORD)
    p = subprocess.Popen([server, '--plan', PLAN, '--period', '2021-06', '--data', data, '--port', '0'], stdout=subprocess.PIPE, env=env, text=True)
    tokens, port = {}, None
    for line in p.stdout:
        if line.startswith('办公室数据接口令牌'):
            tokens['api'] = line.strip().rsplit('：', 1)[1]
        if '/d/' in line:
            name, url = line.strip().split('：', 1)
            tokens[name] = url.rsplit('/d/', 1)[1]
        if line.startswith('正在监听'):
            port = int(line.rsplit(':', 1)[1])
            break
    return p, port, tokens


def returns():
    out = []
    for name in sorted(os.listdir(ROUND)):
        short = name.replace('民生实事填报_', '').split('_')[0]
        district = '嘉兴经济技术开发区（国际商务区）' if short == '经开区' else short
        with open(os.path.join(ROUND, name), 'rb') as f:
            out.append((district, name, f.read()))
    return out


def upload(port, token, name, data):
    boundary = uuid.uuid4().hex
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n\r\n').encode() + data + f'\r\n--{boundary}--\r\n'.encode()
    start = time.perf_counter()
    c = http.client.HTTPConnection('127.0.0.1', port, timeout=300)
    c.request('POST', '/api/returns', body=body, headers={'Content-Type': f'multipart/form-data; boundary={boundary}', 'Authorization': f'Bearer {token}'})
    r = c.getresponse()
    r.read()
    c.close()
    return r.status, r.getheader('X-Minsheng-Submission'), time.perf_counter() - start


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--uploads', type=int, default=200)
    ap.add_argument('--concurrency', type=int, default=200)
    ap.add_argument('--doc', help='write the results into this markdown file (between the desk-load markers)')
    a = ap.parse_args()
    server, cli = build()
    files = returns()
    with tempfile.TemporaryDirectory() as tmp:
        # The same check from the command line, as a process, for comparison.
        cli_times = []
        for district, name, _ in files[:5]:
            t = time.perf_counter()
            subprocess.run([cli, 'check', os.path.join(ROUND, name), '--plan', PLAN, '--period', '2021-06'], stdout=subprocess.DEVNULL)
            cli_times.append(time.perf_counter() - t)
        p, port, tokens = start(server, os.path.join(tmp, 'data'))
        try:
            sequential = [upload(port, tokens[d], n, b)[2] for d, n, b in files]
            results, lock = [], threading.Lock()
            gate = threading.Semaphore(a.concurrency)

            def one(k):
                d, n, b = files[k % len(files)]
                with gate:
                    r = upload(port, tokens[d], n, b)
                with lock:
                    results.append(r)

            threads = [threading.Thread(target=one, args=(k,)) for k in range(a.uploads)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t0
            c = http.client.HTTPConnection('127.0.0.1', port, timeout=300)
            c.request('GET', '/api/summary', headers={'Authorization': f"Bearer {tokens['api']}"})
            summary = json.loads(c.getresponse().read())
        finally:
            p.kill()
            p.wait()
    ok = [r for r in results if r[0] == 200 and r[1]]
    ids = {r[1] for r in ok}
    stored = len(summary['files'])
    lat = [r[2] for r in results]
    lines = [
        f'| measure | value |',
        f'|---|---|',
        f'| uploads sent at once (concurrency) | {a.uploads} ({a.concurrency}) |',
        f'| acknowledged with 200 / distinct submission ids | {len(ok)} / {len(ids)} |',
        f'| files in the summary (sequential uploads + load) | {stored} (expected {len(files) + a.uploads}) |',
        f'| latency p50 / p99 under load | {statistics.median(lat) * 1000:.0f} ms / {percentile(lat, 99) * 1000:.0f} ms |',
        f'| throughput under load | {len(ok) / wall:.1f} uploads/s ({wall:.2f} s for all) |',
        f'| one upload alone, median (sequential) | {statistics.median(sequential) * 1000:.0f} ms |',
        f'| `minsheng check` of one return as a process, median | {statistics.median(cli_times) * 1000:.0f} ms |',
        f'| one upload alone ÷ `minsheng check` | {statistics.median(sequential) / statistics.median(cli_times):.2f}× |',
    ]
    text = '\n'.join(lines)
    print(text)
    lost = len(ok) != a.uploads or len(ids) != a.uploads or stored != len(files) + a.uploads
    if lost:
        print('LOST UPLOADS', file=sys.stderr)
    if a.doc:
        doc = open(a.doc, encoding='utf-8').read()
        begin, end = '<!-- desk-load:begin -->', '<!-- desk-load:end -->'
        if begin in doc and end in doc:
            doc = doc[:doc.index(begin) + len(begin)] + '\n' + text + '\n' + doc[doc.index(end):]
            open(a.doc, 'w', encoding='utf-8').write(doc)
    sys.exit(1 if lost else 0)


if __name__ == '__main__':
    main()
