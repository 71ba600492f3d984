#!/bin/bash
# The real `lapak` binary on the demo event, driven like a cashier with a
# keyboard and a scanner that types like one (xdotool on Xvfb, see
# tests/headless.sh): pick Sari on the login list with the arrow keys, type
# her PIN, open the shift, scan two labels (code + Enter), F12 to pay, type
# the cash, Enter. Then the database must hold exactly that sale.
# Prints TAP; the app's own output goes to stderr.
set -uo pipefail

lapak=${1:?path to lapak}
shots=${LAPAK_SCREENSHOT_DIR:-}
tmp=$(mktemp -d)
db="$tmp/demo.db"
# The demo kept for the next start goes to the test's folder, not the home.
export XDG_CACHE_HOME="$tmp/cache"
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

n=0
status=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; status=1; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
q() { sqlite3 -readonly "$db" "$1"; }

echo "TAP version 13"

"$lapak" --demo --db "$db" >&2 2>&1 &
pid=$!

# Building the demo and starting GTK take a few seconds, many more under
# AddressSanitizer on a loaded machine: wait up to 60 s for the window.
# (Every key below is handled in order: the app's handlers are synchronous,
# so no key can reach a page before the one it was typed for.)
wid=
for _ in $(seq 600); do
  wid=$(xdotool search --onlyvisible --pid "$pid" --name . 2>/dev/null | head -1)
  [ -n "$wid" ] && break
  sleep 0.1
done
check "the kiosk window appears" test -n "$wid"
if [ -z "$wid" ]; then echo "1..$n"; exit 1; fi
xdotool windowfocus --sync "$wid"
sleep 0.5

# Wait until a condition on the database holds (bounded: 30 s).
wait_for() {
  local sql=$1 want=$2
  for _ in $(seq 300); do
    [ "$(q "$sql" 2>/dev/null)" = "$want" ] && return 0
    sleep 0.1
  done
  return 1
}

# Login: from the PIN field back to the user list, to its top, down to Sari (third).
xdotool key --delay 60 shift+Tab Home Down Down Return
sleep 0.3
xdotool type --delay 30 1111
xdotool key Return
sleep 0.5
# Shift open: the float field has the focus.
xdotool type --delay 30 100000
xdotool key Return
check "the shift is opened by Sari with a float of 100000" \
  wait_for "SELECT cashier || ' ' || float FROM shift WHERE closed_at IS NULL" "Sari 100000"

code_a=$(q "SELECT code FROM product WHERE tenant_code = 'KLL' ORDER BY code LIMIT 1")
code_b=$(q "SELECT code FROM product WHERE tenant_code = 'KOPI' ORDER BY code LIMIT 1")
price_a=$(q "SELECT price FROM product WHERE code = '$code_a'")
price_b=$(q "SELECT price FROM product WHERE code = '$code_b'")
total=$((2 * price_a + price_b))
sleep 0.5

# The scanner: code + Enter, as fast as a keyboard wedge types.
for code in "$code_a" "$code_b" "$code_a"; do
  xdotool type --delay 10 "$code"
  xdotool key Return
  sleep 0.2
done
if [ -n "$shots" ]; then mkdir -p "$shots"; /usr/bin/import -window root "$shots/smoke-sell.png"; fi
xdotool key F12
sleep 0.5
xdotool type --delay 30 100000
xdotool key Return

check "one sale is saved with the scanned total ($total)" \
  wait_for "SELECT count(*) || ' ' || total FROM sale" "1 $total"
check "it has the two products, the first twice" \
  test "$(q "SELECT group_concat(product_code || 'x' || qty, ' ') FROM (SELECT * FROM sale_line ORDER BY line)")" = "${code_a}x2 ${code_b}x1"
check "it was paid in cash, 100000 handed over, change $((100000 - total))" \
  test "$(q "SELECT method || ' ' || tendered || ' ' || (SELECT change FROM sale) FROM payment")" = "cash 100000 $((100000 - total))"
sleep 0.3
if [ -n "$shots" ]; then /usr/bin/import -window root "$shots/smoke-done.png"; fi

# The next customer's first scan, straight from the "done" screen; F12; the
# exact amount.
xdotool type --delay 10 "$code_b"
xdotool key Return
sleep 0.3
xdotool key F12
sleep 0.5
xdotool type --delay 30 "$price_b"
xdotool key Return
check "a scan on the done screen starts the next sale ($price_b, no change)" \
  wait_for "SELECT count(*) || ' ' || total || ' ' || change FROM sale WHERE seq = 2" "1 $price_b 0"
check "the kiosk is still running" kill -0 "$pid"

kill "$pid"; wait "$pid" 2>/dev/null; pid=

# No database: the window says so instead of crashing or creating one.
"$lapak" --db "$tmp/none/till.db" >&2 2>&1 &
pid=$!
wid=
for _ in $(seq 600); do
  wid=$(xdotool search --onlyvisible --pid "$pid" --name . 2>/dev/null | head -1)
  [ -n "$wid" ] && break
  sleep 0.1
done
check "without a database the kiosk still opens its window (to explain)" test -n "$wid"
sleep 0.5
if [ -n "$shots" ] && [ -n "$wid" ]; then /usr/bin/import -window root "$shots/smoke-no-database.png"; fi
check "and creates nothing" test ! -e "$tmp/none"

echo "1..$n"
exit $status
