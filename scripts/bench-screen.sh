#!/usr/bin/env bash
# Benchmark (not a test): a full screening run over 1,000,000 vehicles with evidence at
# realistic proportions, then a re-run after a 1,000-row evidence import. Prints seconds and
# peak memory.   scripts/bench-screen.sh [VEHICLES]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
OUT="bench-out"
mkdir -p "$OUT"
swift build -c release --product fleetreg >/dev/null
BIN="$(swift build -c release --show-bin-path)/fleetreg"
DATA="$OUT/all-$N"
if [ ! -f "$DATA/inspections.csv" ]; then
  "$BIN" sample generate --vehicles "$N" --seed 1 --out "$DATA" >/dev/null
fi
DB="$OUT/screen-$N.sqlite"
if [ ! -f "$DB.done" ]; then
  rm -f "$DB"*
  for kind in vehicles muck-approvals transport-licenses enterprises enterprise-fleet sanitation-fleet inspections alerts; do
    /usr/bin/time -f "  import $kind: %e s, peak %M KB" "$BIN" import "$kind" "$DATA/$kind.csv" --db "$DB" --skip-invalid >/dev/null
  done
  touch "$DB.done"
fi
echo "store: $DB ($("$BIN" init --db "$DB" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["vehicles"])') vehicles)"
/usr/bin/time -f "%e %M" -o "$OUT/t1" "$BIN" screen run --as-of 2020-11-20 --db "$DB" --format json > "$OUT/run1.json"
read -r s1 m1 < "$OUT/t1"
echo "full run:   ${s1} s, peak $((m1 / 1024)) MB"
python3 - "$DATA/inspections.csv" "$OUT/extra-inspections.csv" <<'PY'
import sys
rows = open(sys.argv[1], encoding="utf-8-sig").read().splitlines()
out = [rows[0]]
for i, line in enumerate(rows[1:1001]):
    f = line.split(",")
    f[0] = f"BENCH{i:06d}"; f[1] = "2020-11-19 23:30:00"
    out.append(",".join(f))
open(sys.argv[2], "w", encoding="utf-8").write("\r\n".join(out) + "\r\n")
PY
"$BIN" import inspections "$OUT/extra-inspections.csv" --db "$DB" --skip-invalid >/dev/null
/usr/bin/time -f "%e %M" -o "$OUT/t2" "$BIN" screen run --as-of 2020-11-20 --db "$DB" --format json > "$OUT/run2.json"
read -r s2 m2 < "$OUT/t2"
echo "re-run after a 1,000-row evidence import: ${s2} s, peak $((m2 / 1024)) MB ($(python3 -c "print(round(100*$s2/$s1))") % of the full run)"
