#!/usr/bin/env bash
# Remakes the workbooks in this folder: the sample export as other spreadsheet programs save it, for the XLSX reader's
# tests (Assessment.Tests/Cli/ForeignWorkbookTests.cs). Not run by CI; needs LibreOffice Calc (`soffice`) and
# python3 with openpyxl and LibreOffice's bridge (Debian: libreoffice-calc-nogui python3-openpyxl python3-uno), and a
# build of the tool.
#   libreoffice-resaved.xlsx  assess's own workbook of the sample, opened and saved again by LibreOffice Calc
#   libreoffice-typed.xlsx    the sample as typed into a spreadsheet: each CSV imported by LibreOffice with its
#                             type detection (real dates, numbers), gathered into one workbook with openpyxl and
#                             saved again by LibreOffice
#   libreoffice-awkward.xlsx  the sample with awkward member names ("=1+2", "007", "1E5", "TRUE", a date, a character
#                             beyond the BMP) and output titles (a line break, quotes and a comma, 5,000 characters,
#                             a leading apostrophe), written by assess and saved again by LibreOffice
#   libreoffice-template-typed.xlsx
#                             `assess template x.xlsx`, with a unit typed into it cell by cell through LibreOffice's
#                             input line (type-into.py): ids with leading zeros, "1E5", "=1+2", "3/4", dates, "86%"
# Usage: bash make.sh   (from anywhere; uses the Release build of Assessment.Cli)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../.." && pwd)
assess=(dotnet "$repo/Assessment.Cli/bin/Release/net10.0/assess.dll")
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

resave() { soffice --headless --convert-to xlsx --outdir "$work/re" "$1" >/dev/null 2>&1; cp "$work/re/$(basename "$1")" "$2"; }

"${assess[@]}" convert "$repo/samples" "$work/ours.xlsx" >/dev/null 2>&1
resave "$work/ours.xlsx" "$here/libreoffice-resaved.xlsx"

mkdir "$work/typed"
for f in "$repo"/samples/*.csv; do
  soffice --headless --infilter='CSV:44,34,76,1,,0,false,false,true,false,false' --convert-to xlsx --outdir "$work/typed" "$f" >/dev/null 2>&1
done
python3 - "$work" <<'PY'
import openpyxl, sys
work = sys.argv[1]
names = {'units': '单位', 'members': '成员', 'sessions': '学习', 'attendance': '考勤', 'speeches': '发言', 'outputs': '成果',
         'documents': '文件', 'events': '活动', 'directives': '上级部署', 'reviews': '核查', 'waivers': '豁免'}
out = openpyxl.Workbook(); out.remove(out.active)
for table, sheet in names.items():
    source = openpyxl.load_workbook(f'{work}/typed/{table}.xlsx').active
    target = out.create_sheet(sheet)
    for row in source.iter_rows():
        for c in row:
            target.cell(row=c.row, column=c.column, value=c.value).number_format = c.number_format
out.save(f'{work}/typed.xlsx')
PY
resave "$work/typed.xlsx" "$here/libreoffice-typed.xlsx"

mkdir "$work/awkward"; cp "$repo"/samples/*.csv "$work/awkward"
python3 - "$work/awkward" <<'PY'
import csv, sys
folder = sys.argv[1]
def change(table, column, values):
    path = f'{folder}/{table}.csv'
    rows = list(csv.reader(open(path, encoding='utf-8-sig')))
    for i, v in enumerate(values, start=1):
        rows[i][column] = v
    csv.writer(open(path, 'w', encoding='utf-8-sig', newline='')).writerows(rows)
change('members', 2, ['=1+2', '007', '1E5', '𠀀𠀁 张三', 'TRUE', '2024-01-01'])
change('outputs', 4, ['第一行\n第二行 "引号" , 逗号', '长' * 5000, "'撇号开头", '-12.50'])
PY
"${assess[@]}" convert "$work/awkward" "$work/awkward.xlsx" >/dev/null 2>&1
resave "$work/awkward.xlsx" "$here/libreoffice-awkward.xlsx"
"${assess[@]}" template "$work/template.xlsx" >/dev/null
mkdir "$work/typed-in"
printf '%s\n' '单位编码,单位名称,年度,测评方案,有下级中心组,党委会研究次数,纳入党建工作责任制,纳入意识形态工作责任制,学习平台活跃率' \
  '007,青山县三号单位党组,2024,standard,是,3,是,是,86%' > "$work/typed-in/单位.csv"
printf '%s\n' '单位编码,成员编码,姓名,角色,个人自学计划,学习笔记' '007,001,=1+2,书记,1,0' '007,002,3/4,学习秘书;成员,是,否' > "$work/typed-in/成员.csv"
printf '%s\n' '单位编码,学习编号,日期' '007,0001,2024-03-05' '007,1E5,2024/3/6' > "$work/typed-in/学习.csv"
python3 "$here/type-into.py" "$work/template.xlsx" "$here/libreoffice-template-typed.xlsx" "$work/typed-in"
ls -l "$here"/*.xlsx
