#!/usr/bin/env bash
# Installs the Debian Python packages some unit tests call as independent references (NumPy reads
# the .npy files we write, onnx.checker checks rewritten models, Optuna opens our studies, the
# Python client snippet runs with requests). Idempotent: installs only what is missing.
# Heavier references (torch, torchvision, scikit-learn, xgboost) are needed only to regenerate
# fixtures; tests that would call them skip with a message when they are absent.
set -euo pipefail

PKGS=(python3-numpy python3-scipy python3-requests python3-onnx python3-optuna)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "reference-tools: Debian packages present"
  exit 0
fi
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
echo "reference-tools: apt-get install ${missing[*]}"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}"
