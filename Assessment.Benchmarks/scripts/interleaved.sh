#!/usr/bin/env bash
# The command-line figures of docs/performance.md: N interleaved rounds of Python's csv module, the bare read in a
# fresh process (whole, and unit by unit as the commands read a CSV folder), `validate`, `score --format json` to a new file and `score` replacing that file, then per-round
# ratios and medians. This machine's speed drifts from minute to minute, so only interleaved rounds compare.
# Needs GNU time (/usr/bin/time) and python3. Usage (from the repository root, after `dotnet build -c Release`):
#   dotnet run -c Release --project Assessment.Benchmarks -- generate /tmp/b20k 20000
#   N=12 Assessment.Benchmarks/scripts/interleaved.sh /tmp/b20k
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
A="$root/Assessment.Cli/bin/Release/net10.0/assess.dll"
B="$root/Assessment.Benchmarks/bin/Release/net10.0/Assessment.Benchmarks.dll"
E=${1:?usage: interleaved.sh <export folder>}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
time_of() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
echo "# $(date -u +%FT%TZ) export $E"
for i in $(seq 1 "${N:-10}"); do
  p=$(python3 "$root/Assessment.Benchmarks/scripts/pycsv.py" "$E" | awk '{print $2}')
  # The read with the tool's runtime settings (Assessment.Cli.csproj): server GC, no tiered PGO, no call-counting delay, a call-count threshold of 1,000.
  r=$(DOTNET_gcServer=1 DOTNET_TieredPGO=0 DOTNET_TC_CallCountingDelayMs=0 DOTNET_TC_CallCountThreshold=1000 dotnet "$B" reads "$E" 1 | awk '{print $3}')
  # The read as validate and score make it of a CSV folder: unit by unit (CsvExport.Stream).
  t=$(STREAM=1 DOTNET_gcServer=1 DOTNET_TieredPGO=0 DOTNET_TC_CallCountingDelayMs=0 DOTNET_TC_CallCountThreshold=1000 dotnet "$B" reads "$E" 1 | awk '{print $3}')
  v=$(time_of dotnet "$A" validate "$E")
  rm -f "$out/scores.json"; sync
  s=$(time_of dotnet "$A" score "$E" --format json -o "$out/scores.json")
  x=$(time_of dotnet "$A" score "$E" --format json -o "$out/scores.json")
  echo "round $i python $p read $r streamed $t validate $v score-new $s score-replace $x"
done | tee "$out/rounds.txt"
python3 - "$out/rounds.txt" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.startswith('round')]
get = lambda k: [float(r[r.index(k) + 1]) for r in rows]
def med(x): x = sorted(x); n = len(x); return x[n // 2] if n % 2 else (x[n // 2 - 1] + x[n // 2]) / 2
py, rd, st, v, s, x = get('python'), get('read'), get('streamed'), get('validate'), get('score-new'), get('score-replace')
for name, vals in [('python', py), ('read', rd), ('streamed read', st), ('validate', v), ('score to a new file', s), ('score replacing', x)]:
    print(f"{name}: median {med(vals):.2f} s ({min(vals):.2f}-{max(vals):.2f})")
for name, ratios, target in [('read / python', [a / b for a, b in zip(rd, py)], 1), ('streamed read / python', [a / b for a, b in zip(st, py)], 1), ('score new / validate', [a / b for a, b in zip(s, v)], 2),
                             ('score replacing / validate', [a / b for a, b in zip(x, v)], 2)]:
    print(f"{name}: median {med(ratios):.2f}, per round {' '.join(f'{r:.2f}' for r in sorted(ratios))}, "
          f"at or below {target}: {sum(r <= target for r in ratios)} of {len(ratios)}")
PY
