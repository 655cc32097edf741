#!/usr/bin/env python3
"""Departmental returns in five layouts, made with openpyxl, for the import tests, and the figures each
must give (import-expected.json). Run from this folder: python3 make_department_returns.py.
The dept-*-lo.xlsx beside them are LibreOffice re-saves of each (soffice --headless --convert-to xlsx),
which must give the same figures and findings."""
import datetime, json, os
import openpyxl
from openpyxl.styles import Alignment

HERE = os.path.dirname(os.path.abspath(__file__))
D = ['南湖区', '秀洲区', '嘉善县', '平湖市', '海盐县', '海宁市', '桐乡市', '嘉兴经济技术开发区（国际商务区）', '嘉兴港区', '市本级']
IDS = ['nanhu', 'xiuzhou', 'jiashan', 'pinghu', 'haiyan', 'haining', 'tongxiang', 'jetdz', 'port', 'city']
expected = {}

def new_book():
    wb = openpyxl.Workbook()
    wb.properties.creator = 'fixture'
    wb.properties.created = wb.properties.modified = datetime.datetime(2021, 7, 3)
    return wb

def expect(name, figures, findings):
    expected[name] = {'figures': figures, 'findings': findings}

# 1. Districts as columns, like the notice, with ids and a totals column. 市卫生健康委: C1, C15, C16.
wb = new_book(); ws = wb.active; ws.title = '进度'
ws.append(['市卫生健康委2021年6月民生实事进展情况'])
ws.append(['编号', '项目名称', '目标任务'] + D + ['合计'])
rows = [
    ('C1', '发热门诊规范化建设提升项目', '全市建设提升规范化发热门诊29家', [1, 3, 2, 2, 3, 4, 4, None, 1, 5]),
    ('C15', '关爱健康免费筛查项目', '对全市常住人口中约32万60岁以上男性免费开展前列腺癌筛查', [20100, 15000, 21000, 25000, 18000, 33000, 30500, 4000, '/', '/']),
    ('C16', None, '对全市约3万孕妇免费开展胎儿系统超声检查', [2300, 1800, 1700, 1750, 1300, 2700, 2950, 600, '/', '/']),
]
for tid, name, target, vals in rows:
    ws.append([tid, name, target] + vals + [sum(v for v in vals if isinstance(v, int))])
wb.save(os.path.join(HERE, 'dept-columns.xlsx'))
fig = {}
for tid, _, _, vals in rows:
    for i, v in enumerate(vals):
        if isinstance(v, int):
            fig.setdefault(IDS[i], {})[tid] = v
expect('dept-columns.xlsx', fig, [])

# 2. Districts as rows, tasks as columns headed by id and text, a totals row.
wb = new_book(); ws = wb.active; ws.title = '6月'
ws.append(['2021年6月 市体育局 民生实事完成情况'])
ws.append(['地区', 'C22 新建“运动家”智慧体育社区', 'C23 组建体育社群', 'C24 开展体育活动'])
data = {'南湖区': [12, 90, 300], '秀洲区': [11, 80, 280], '嘉善县': [14, 100, 310], '平湖市': [13, 95, 320], '海盐县': [10, 70, 240],
        '海宁市': [20, 140, 460], '桐乡市': [21, 150, 500], '经开区': [4, 30, 100], '港区': [1, 7, 25], '市级': [1, 8, 26]}
for name, vals in data.items():
    ws.append([name] + vals)
ws.append(['全市合计'] + [sum(v[i] for v in data.values()) for i in range(3)])
wb.save(os.path.join(HERE, 'dept-rows.xlsx'))
alias = {'经开区': 'jetdz', '港区': 'port', '市级': 'city'}
fig = {}
for name, vals in data.items():
    did = alias.get(name) or IDS[D.index(name)]
    for tid, v in zip(['C22', 'C23', 'C24'], vals):
        fig.setdefault(did, {})[tid] = v
expect('dept-rows.xlsx', fig, [])

# 3. Transposed with two merged header rows (task over 目标 | 完成), figures with words and units.
wb = new_book(); ws = wb.active; ws.title = '教育'
ws.append(['市教育局2021年6月民生实事推进表'])
ws.append(['县（市、区）', '全市完成中小学校心理健康教育标准化提升改造80所', None, '对全市小学和幼儿园的2500个教室进行采光照明提标改造', None])
ws.append([None, '目标', '完成', '目标', '完成'])
ws.merge_cells('B2:C2'); ws.merge_cells('D2:E2'); ws.merge_cells('A2:A3')
vals = {'南湖区': (7, '3所', 300, '约200'), '秀洲区': (7, '已完成', 300, '150个'), '嘉善县': (12, 6, '/', '/'), '平湖市': (10, '5', 200, '100%'),
        '海盐县': (10, 4, 350, 175)}
for name, v in vals.items():
    ws.append([name, v[0], v[1], v[2], v[3]])
wb.save(os.path.join(HERE, 'dept-transposed.xlsx'))
expect('dept-transposed.xlsx', {
    'nanhu': {'C4': 3, 'C7': 200}, 'xiuzhou': {'C4': 7, 'C7': 150}, 'jiashan': {'C4': 6}, 'pinghu': {'C4': 5, 'C7': 200}, 'haiyan': {'C4': 4, 'C7': 175},
}, ['IMPORT_APPROXIMATE', 'IMPORT_WORD_VALUE', 'IMPORT_PERCENT_OF_TARGET', 'IMPORT_DISTRICTS_MISSING'])  # a table of some districts only

# 4. Districts as columns with units in the cells, a blank column, a 备注 column, a totals row and notes.
wb = new_book(); ws = wb.active; ws.title = '水利'
ws.append(['市水利局2021年6月民生实事进度'])
ws.append([])
ws.append(['序号', '任务', None, '南湖区', '秀洲区', '嘉善县', '平湖市', '海盐县', '海宁市', '桐乡市', '市本级', '备注'])
ws.append(['P17', '新（改）建水文测站', None, '1个', '2个', '4个', '3个', '/', '/', '5个', '/', '按季度统计'])
ws.append(['P18', '完成中小河流综合治理', None, '4.5公里', '/', '/', '5.5公里', '3.2公里', '12.5公里', '10公里', '/', None])
ws.append(['P20', '建设美丽河湖', None, '已完成', 1, 1, 1, 0, 1, '未开工', None, None])
ws.append(['合计', None, None, None, None, None, None, None, None, None, None, None])
ws.append(['注：数据截至2021年6月30日。'])
wb.save(os.path.join(HERE, 'dept-units.xlsx'))
expect('dept-units.xlsx', {
    'nanhu': {'P17': 1, 'P18': 4.5, 'P20': 1}, 'xiuzhou': {'P17': 2, 'P20': 1}, 'jiashan': {'P17': 4, 'P20': 1}, 'pinghu': {'P17': 3, 'P18': 5.5, 'P20': 1},
    'haiyan': {'P18': 3.2, 'P20': 0}, 'haining': {'P18': 12.5, 'P20': 1}, 'tongxiang': {'P17': 5, 'P18': 10, 'P20': 0},
}, ['IMPORT_WORD_VALUE', 'IMPORT_DISTRICTS_MISSING'])  # a table of some districts only

# 5. No ids: tasks matched by text, one row too vague to be placed.
wb = new_book(); ws = wb.active; ws.title = 'Sheet1'
ws.append(['2021年6月 市民政局 民生实事'])
ws.append(['工作任务', '南湖区', '秀洲区', '嘉善县'])
ws.append(['新建乡镇（街道）居家养老服务中心', 1, 2, 3])
ws.append(['困难老年人家庭适老化改造', 100, 120, 110])
ws.append(['新增老年人助餐服务人数', 60, 70, 55])
ws.append(['其他民政工作', 5, 5, 5])
wb.save(os.path.join(HERE, 'dept-no-ids.xlsx'))
expect('dept-no-ids.xlsx', {'nanhu': {'P11': 1, 'C9': 60}, 'xiuzhou': {'P11': 2, 'C9': 70}, 'jiashan': {'P11': 3, 'C9': 55}},
       ['IMPORT_UNMAPPED_ROW', 'IMPORT_UNMAPPED_ROW', 'IMPORT_DISTRICTS_MISSING'])

json.dump(expected, open(os.path.join(HERE, 'import-expected.json'), 'w', encoding='utf-8'), ensure_ascii=False, indent=1)
print('ok')
