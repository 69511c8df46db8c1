# Python's csv module over every CSV file of an export, tokenising only: the yardstick of issue 6's read target.
# Usage: python3 pycsv.py <export folder>; prints the rows read and the seconds, timed inside the script.
import csv, glob, sys, time

t = time.time(); n = 0
for f in sorted(glob.glob(sys.argv[1] + '/*.csv')):
    with open(f, newline='', encoding='utf-8-sig') as fh:
        for row in csv.reader(fh):
            n += 1
print(n, round(time.time() - t, 2))
