#!/usr/bin/env bash
# Benchmark (not a test): `bulk violations` over a gate log of ROWS rows (default 10,000,000),
# release build. Generates a sample set of VEHICLES vehicles (default 100,000) and a gate log of
# exactly ROWS rows consistent with it (the hidden `sample gate-log`), imports them into a fresh
# store, then times the scan over the whole period. Prints seconds and peak RSS
# (/usr/bin/time -f "%e %M"). Target: ≤ 10 s for 10,000,000 rows.
# The store maps the database file (PRAGMA mmap_size in FleetStore), so peak RSS counts the file
# pages read; the peak of anonymous memory (RssAnon, sampled every 0.2 s) is the process's own.
#   scripts/bench-bulk.sh [ROWS] [VEHICLES]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-10000000}"
V="${2:-100000}"
OUT="bench-out/bulk"
mkdir -p "$OUT"
swift build -c release --product fleetreg >/dev/null
BIN="$(swift build -c release --show-bin-path)/fleetreg"

DATA="$OUT/data-$V"
if [ ! -f "$DATA/vehicles.csv" ]; then
  "$BIN" sample generate --vehicles "$V" --seed 1 --out "$DATA" >/dev/null
fi
GATE="$DATA/gate-log-$ROWS.csv"
if [ ! -f "$GATE" ]; then
  "$BIN" sample gate-log --rows "$ROWS" --vehicles "$V" --seed 1 --out "$GATE"
fi
echo "gate log: $GATE ($(du -h "$GATE" | cut -f1), $ROWS rows; $V vehicles)"

measure() {  # measure LABEL command… → seconds, peak RSS (MB), peak RssAnon (MB); stdout to $OUT/LABEL.out
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$@" >"$OUT/$label.out" 2>"$OUT/$label.err" &
  local tp=$! anon=0 a c
  while kill -0 "$tp" 2>/dev/null; do
    for c in $(pgrep -P "$tp" || true); do
      a=$(awk '/RssAnon/ {print $2}' "/proc/$c/status" 2>/dev/null || true)
      if [ -n "$a" ] && [ "$a" -gt "$anon" ]; then anon=$a; fi
    done
    sleep 0.2
  done
  wait "$tp" || true
  read -r secs kb <"$OUT/time.txt"
  echo "$secs $((kb / 1024)) $((anon / 1024))"
}

DB="$OUT/bench.sqlite"
if [ ! -f "$DB.done-$ROWS-$V" ]; then
  rm -f "$DB" "$DB"-wal "$DB"-shm "$DB".done-*
  for kind in vehicles enterprises enterprise-fleet alerts; do
    "$BIN" import "$kind" "$DATA/$kind.csv" --db "$DB" --skip-invalid >/dev/null
  done
  read -r is im ia < <(measure import "$BIN" import gate-log "$GATE" --db "$DB" --format json)
  grep -q '"committed" : true' "$OUT/import.out" || { echo "gate-log import failed"; cat "$OUT/import.out" "$OUT/import.err"; exit 1; }
  echo "import gate-log: ${is} s, peak RSS ${im} MB, anonymous ${ia} MB"
  touch "$DB.done-$ROWS-$V"
fi

read -r js jm ja < <(measure violations-json "$BIN" bulk violations --from 2020-01-01 --to 2020-12-31 --db "$DB" --format json)
read -r cs cm ca < <(measure violations-csv "$BIN" bulk violations --from 2020-01-01 --to 2020-12-31 --db "$DB" --format csv)
read -r ds dm da < <(measure violations-day "$BIN" bulk violations --from 2020-11-20 --to 2020-11-20 --db "$DB" --format json)
python3 - "$OUT/violations-json.out" "$js" "$jm" "$ja" "$cs" "$cm" "$ca" "$ds" "$dm" "$da" <<'PY'
import json, sys
path, js, jm, ja, cs, cm, ca, ds, dm, da = sys.argv[1], *map(float, sys.argv[2:])
t = json.load(open(path))["totals"]
print(f"rows in the period: {t['rows']:,} entries ({t['judged']:,} judged, {t['plates']:,} plates): "
      f"{t['violations']:,} violations, {t['unverified']:,} unverified, {t['allowed']:,} allowed")
print(f"bulk violations, whole period, JSON : {js:6.2f} s  peak RSS {jm:5.0f} MB, anonymous {ja:4.0f} MB   (target <= 10 s)")
print(f"bulk violations, whole period, CSV  : {cs:6.2f} s  peak RSS {cm:5.0f} MB, anonymous {ca:4.0f} MB")
print(f"bulk violations, one day, JSON      : {ds:6.2f} s  peak RSS {dm:5.0f} MB, anonymous {da:4.0f} MB")
PY
