#!/usr/bin/env bash
# System packages itaku needs from Debian: Japanese fonts (print and PDF), Pango (WeasyPrint lays out
# PDFs with it; the PDF tests run under `make test`), Chromium (browser tests) and poppler-utils (the
# tests read PDFs back). Installed when run
# as root on Debian; otherwise one line says what to install.
set -euo pipefail
want="${1:-all}"
missing=()
# Every mode renders PDFs (`make run` serves them, `make test` tests them), so every mode needs Pango
# and the CJK font. ldconfig lives in /sbin, outside a normal user's PATH on Debian. The lists are
# read into variables first: under pipefail, `ldconfig -p | grep -q` can fail when grep stops early.
libs=$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true)
grep -q libpangoft2-1.0 <<<"$libs" || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
fonts=$(fc-list 2>/dev/null || true)
grep -qi "Noto Sans CJK JP" <<<"$fonts" || missing+=(fonts-noto-cjk)
if [[ "$want" == all || "$want" == chromium ]]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  # The report tests read PDFs back: pdffonts (embedded fonts) and pdftoppm (a page as an image).
  command -v pdffonts >/dev/null 2>&1 || missing+=(poppler-utils)
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Debian パッケージをインストールします: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "必要なパッケージがありません。管理者権限で次を実行してください: sudo apt-get install ${missing[*]}" >&2
  [[ "$want" == fonts ]] || exit 1
fi
