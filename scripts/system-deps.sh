#!/usr/bin/env bash
# System packages itaku needs from Debian: Japanese fonts (print and PDF) and Chromium (browser
# tests). Installed when run as root on Debian; otherwise one line says what to install.
set -euo pipefail
want="${1:-all}"
missing=()
if [[ "$want" == all || "$want" == fonts ]]; then
  fc-list 2>/dev/null | grep -qi "Noto Sans CJK JP" || missing+=(fonts-noto-cjk)
fi
if [[ "$want" == all || "$want" == chromium ]]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
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
