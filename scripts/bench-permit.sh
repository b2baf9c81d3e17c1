#!/usr/bin/env bash
# Benchmark (not a test): the permit desk on a store of VEHICLES vehicles (default 1,000,000),
# release build.
#   1. `permit check` wall time per call, process start included, over CALLS calls (default 200)
#      on random registered plates: p50 and p90 in ms (target p50 ≤ 50 ms).
#   2. `permit batch` throughput on a ROWS-row CSV (default 20,000) of random plates, decided and
#      recorded in one transaction: decisions per second (target ≥ 5,000). The batch runs on a
#      copy of the store, so the store itself stays without permits and runs can be repeated.
# The data set is `sample generate --seed 1` (reused from bench-out/data-VEHICLES when there);
# only vehicles.csv is imported. Timings depend on the machine's load: run it on a quiet machine.
#   scripts/bench-permit.sh [VEHICLES] [CALLS] [ROWS]     (BENCH_OUT=DIR to work elsewhere than bench-out)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-1000000}"
CALLS="${2:-200}"
ROWS="${3:-20000}"
OUT="${BENCH_OUT:-bench-out}"
AS_OF="2020-11-15"
mkdir -p "$OUT"
if ! swift build -c release --product fleetreg >"$OUT/permit-build.log" 2>&1; then
  echo "release build failed (the tree may be mid-edit; retry):" >&2; grep -E "error" "$OUT/permit-build.log" | head -20 >&2; exit 1
fi
BIN="$(swift build -c release --show-bin-path)/fleetreg"

DATA="$OUT/data-$N"
if [ ! -f "$DATA/vehicles.csv" ]; then
  "$BIN" sample generate --vehicles "$N" --seed 1 --out "$DATA" >/dev/null
fi
DB="$OUT/permit-$N.sqlite"
if [ ! -f "$DB.done" ]; then
  rm -f "$DB" "$DB-wal" "$DB-shm"
  /usr/bin/time -f "  import vehicles: %e s, peak %M KB" "$BIN" import vehicles "$DATA/vehicles.csv" --db "$DB" --skip-invalid >/dev/null
  touch "$DB.done"
fi
echo "store: $DB ($("$BIN" init --db "$DB" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["vehicles"])') vehicles), as of $AS_OF"

python3 - "$BIN" "$DB" "$DATA/vehicles.csv" "$CALLS" "$ROWS" "$OUT" "$AS_OF" <<'PY'
import csv, json, os, random, shutil, statistics, subprocess, sys, time

binary, db, vehicles, calls, rows, out, as_of = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7]
with open(vehicles, encoding="utf-8-sig", newline="") as f:
    plates = [r[0] for i, r in enumerate(csv.reader(f)) if i > 0 and r]
rng = random.Random(1)
env = dict(os.environ, LANG="C")

# 1. permit check, one process per call.
picked = [rng.choice(plates) for _ in range(calls)]
subprocess.run([binary, "permit", "check", picked[0], "--as-of", as_of, "--db", db], env=env,
               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)          # warm the page cache
ms, outcomes = [], {}
for plate in picked:
    t0 = time.perf_counter()
    p = subprocess.run([binary, "permit", "check", plate, "--as-of", as_of, "--db", db], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ms.append((time.perf_counter() - t0) * 1000)
    name = {0: "allow", 1: "deny", 3: "refer"}.get(p.returncode, f"exit {p.returncode}")
    outcomes[name] = outcomes.get(name, 0) + 1
ms.sort()
q = statistics.quantiles(ms, n=10, method="inclusive")
p50, p90 = statistics.median(ms), q[8]
print(f"permit check: {calls} calls, p50 {p50:.1f} ms, p90 {p90:.1f} ms, min {ms[0]:.1f}, max {ms[-1]:.1f} "
      f"(target p50 ≤ 50 ms: {'met' if p50 <= 50 else 'NOT met'}); outcomes {dict(sorted(outcomes.items()))}")

# 2. permit batch on a copy of the store.
apps = os.path.join(out, f"permit-batch-{rows}.csv")
with open(apps, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["号牌号码", "用途", "企业编号", "起始日期", "截止日期", "申请人"])
    for i in range(rows):
        w.writerow([rng.choice(plates), "freight", "", as_of, "2020-11-30", f"申请人{i % 97}"])
copy = db[:-len(".sqlite")] + "-batch.sqlite" if db.endswith(".sqlite") else db + "-batch"
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(copy + suffix):
        os.remove(copy + suffix)
    if os.path.exists(db + suffix):
        shutil.copyfile(db + suffix, copy + suffix)
t0 = time.perf_counter()
p = subprocess.run([binary, "permit", "batch", apps, "--as-of", as_of, "--db", copy, "--format", "json",
                    "--out", os.path.join(out, f"permit-batch-{rows}-result.csv")], env=env, capture_output=True, text=True)
secs = time.perf_counter() - t0
if p.returncode != 0:
    sys.exit(f"permit batch failed ({p.returncode}): {p.stderr}")
result = json.loads(p.stdout)
rate = result["decided"] / secs
print(f"permit batch: {result['decided']} rows in {secs:.2f} s (process start included) = {rate:,.0f} decisions/s "
      f"(target ≥ 5,000: {'met' if rate >= 5000 else 'NOT met'}); outcomes {result['outcomes']}")
verify = subprocess.run([binary, "audit", "verify", "--db", copy, "--format", "json"], env=env, capture_output=True, text=True)
print(f"audit verify of the batch copy: exit {verify.returncode}, {json.loads(verify.stdout)['entries']} entries")
for suffix in ("", "-wal", "-shm"):
    if os.path.exists(copy + suffix):
        os.remove(copy + suffix)
PY
