# Python's csv module over every CSV file of an export, doing roughly what assess's read does beyond tokenising:
# every value trimmed and NFKC-folded (non-ASCII ones), dates, whole numbers, yes/no words and vocabulary words
# typed, lists split, ids interned, one row object per row (a tuple: cheaper than assess's records), rows grouped
# by unit. It does not make assess's per-unit checks or diagnostics, nor its many date and number spellings. A point
# of comparison for how much of assess's read is the typing, not issue 6's yardstick (that is pycsv.py).
# Usage: python3 pycsv_typed.py <export folder>; prints the rows read and the seconds, timed inside the script.
import csv, glob, os, re, sys, time, unicodedata
from datetime import date

DATES = {'date', 'issued_date', 'filed_date', 'makeup_date', 'notice_date', 'expires'}
BOOLS = {'leave_approved', 'has_topics', 'has_schedule', 'self_study_plan', 'adopted', 'materials_issued', 'sign_in',
         'has_record', 'briefing', 'has_subordinate_groups', 'in_party_building_resp', 'in_ideology_resp', 'written',
         'study_notes'}
WHOLE = {'duration_minutes', 'year', 'agenda_meetings', 'platform_active_rate'}
WORDS = {'status', 'kind', 'form', 'role', 'finding', 'published_level', 'profile'}
LISTS = {'content_tags', 'directive_ids'}
IDS = {'unit_id', 'session_id', 'member_id', 'host_id', 'output_id', 'doc_id', 'event_id', 'directive_id', 'item_id',
       'approved_by', 'linked_issue'}
YES = {'1', 'true', 'yes', 'y', 't', '是', '√', '有', '✓'}
NO = {'0', 'false', 'no', 'n', 'f', '否', '×', '无', '✗'}
DATE = re.compile(r'^(\d{4})[-./年]?(\d{1,2})[-./月]?(\d{1,2})日?$')
SPLIT = re.compile(r'[;；、|]')
vocabulary = {}


def fold(s):
    s = s.strip()
    return s if s.isascii() else unicodedata.normalize('NFKC', s).strip()


def typed(column):
    if column in DATES:
        def f(s):
            m = DATE.match(s)
            try:
                return date(int(m[1]), int(m[2]), int(m[3])) if m else None
            except ValueError:
                return None
        return f
    if column in BOOLS:
        return lambda s: True if s.lower() in YES else False if s.lower() in NO else None
    if column in WHOLE:
        return lambda s: int(s) if s.isdigit() else None
    if column in WORDS:
        return lambda s: vocabulary.setdefault(s.lower(), s.lower())
    if column in LISTS:
        return lambda s: [x.strip() for x in SPLIT.split(s) if x.strip()]
    if column in IDS:
        return sys.intern
    return lambda s: s


t = time.time(); n = 0
units = {}
for path in sorted(glob.glob(sys.argv[1] + '/*.csv')):
    table = os.path.basename(path)[:-4]
    with open(path, newline='', encoding='utf-8-sig') as fh:
        rows = csv.reader(fh)
        header = [fold(h) for h in next(rows)]
        convert = [typed(h) for h in header]
        unit = header.index('unit_id')
        for row in rows:
            n += 1
            values = tuple(c(fold(v)) if v else None for c, v in zip(convert, row))
            units.setdefault(values[unit], {}).setdefault(table, []).append(values)
print(n, round(time.time() - t, 2))
