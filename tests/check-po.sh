#!/usr/bin/env bash
# Translations stay complete: every source file with translatable strings is
# in po/POTFILES.in, and po/id.po translates every string of the sources,
# with nothing fuzzy and formats that match.
set -euo pipefail
root=${1:?source root}
cd "$root"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

echo "TAP version 13"

{
  grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext)\(' $(git ls-files 'src/*.c' 2>/dev/null || find src -name '*.c')
  grep -l 'translatable="yes"' $(git ls-files 'ui/*.ui' 2>/dev/null || find ui -name '*.ui') /dev/null || true
} | sort -u > "$tmp/needed"
grep -vE '^\s*(#|$)' po/POTFILES.in | sort > "$tmp/listed"
if diff -u "$tmp/listed" "$tmp/needed" > "$tmp/diff"; then
  echo "ok 1 - po/POTFILES.in lists every file with translatable strings"
else
  echo "not ok 1 - po/POTFILES.in is out of date (- listed, + needed):"
  sed 's/^/# /' "$tmp/diff"
  status=1
fi

xgettext --from-code=UTF-8 --add-comments=Translators \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 \
  --flag=g_set_error:4:c-format --flag=g_printerr:1:c-format --flag=g_print:1:c-format \
  --flag=g_strdup_printf:1:c-format --flag=g_string_printf:2:c-format \
  --flag=g_string_append_printf:2:c-format --flag=g_error_new:3:c-format \
  --flag=g_snprintf:3:c-format --flag=g_dngettext:2:pass-c-format \
  --files-from=po/POTFILES.in -o "$tmp/lapak.pot" 2>"$tmp/xgettext.log"
if msgcmp po/id.po "$tmp/lapak.pot" 2> "$tmp/msgcmp"; then
  echo "ok 2 - po/id.po translates every string in the sources"
else
  echo "not ok 2 - po/id.po lacks translations:"
  sed -n '1,60s/^/# /p' "$tmp/msgcmp"
  status=1
fi

if msgfmt --check --statistics -o /dev/null po/id.po 2> "$tmp/stats" && ! grep -qE 'fuzzy|untranslated' "$tmp/stats"; then
  echo "ok 3 - po/id.po is valid, nothing fuzzy or untranslated ($(tr '\n' ' ' < "$tmp/stats"))"
else
  echo "not ok 3 - po/id.po is invalid or incomplete:"
  sed 's/^/# /' "$tmp/stats"
  status=1
fi

# xgettext cannot expand macros such as G_GINT64_FORMAT: a msgid built with
# one is cut at the "%", so it can never be translated. Use PRId64 from
# <inttypes.h> instead (xgettext and gettext handle it as "%<PRId64>").
if grep -q 'not a valid C format string' "$tmp/xgettext.log"; then
  echo "not ok 4 - a translatable format string is cut short (use PRId64, not G_GINT64_FORMAT, inside _()):"
  grep 'not a valid C format string' "$tmp/xgettext.log" | sed 's/^/# /'
  status=1
else
  echo "ok 4 - every translatable format string is extracted whole"
fi

echo "1..4"
exit $status
