#!/usr/bin/env bash
# Parley's translations, with Qt's own tools (they ship in PySide6: pyside6-lupdate,
# pyside6-lrelease). See docs/translating.md.
#
#   bash scripts/translations.sh de fr   # make or update translations/parley_de.ts, _fr.ts
#   bash scripts/translations.sh         # update every translations/parley_*.ts there is
#   bash scripts/translations.sh --release   # also compile each .ts to ui/translations/*.qm
#
# lupdate reads every translate("Context", "…") and QT_TRANSLATE_NOOP("Context", "…") in
# ui/ and keeps the translations already made; -no-obsolete drops strings no longer there.
set -euo pipefail
cd "$(dirname "$0")/.."
tool() {
  if [[ -x .venv/bin/pyside6-$1 ]]; then echo ".venv/bin/pyside6-$1"
  elif command -v "pyside6-$1" >/dev/null; then echo "pyside6-$1"
  else echo "pyside6-$1 not found: run bash bootstrap.sh (PySide6 ships it)" >&2; exit 1
  fi
}
release=0
langs=()
for arg in "$@"; do
  case "$arg" in
    --release) release=1 ;;
    -*) echo "unknown option: $arg (only --release)" >&2; exit 2 ;;
    *) langs+=("$arg") ;;
  esac
done
mkdir -p translations ui/translations
if [[ ${#langs[@]} -eq 0 ]]; then
  for ts in translations/parley_*.ts; do
    [[ -e "$ts" ]] || continue
    lang=${ts#translations/parley_}; langs+=("${lang%.ts}")
  done
fi
if [[ ${#langs[@]} -eq 0 ]]; then
  echo "no translations/parley_*.ts yet: name a language, e.g. bash scripts/translations.sh de" >&2
  exit 2
fi
lupdate=$(tool lupdate)
mapfile -t sources < <(find ui -name '*.py' | sort)
for lang in "${langs[@]}"; do
  "$lupdate" -no-obsolete -locations relative -target-language "$lang" \
    "${sources[@]}" -ts "translations/parley_$lang.ts"
  if [[ $release -eq 1 ]]; then
    "$(tool lrelease)" "translations/parley_$lang.ts" -qm "ui/translations/parley_$lang.qm"
  fi
done
