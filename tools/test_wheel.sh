#!/usr/bin/env bash
# The package users get: build a wheel and an sdist, install the wheel in a fresh virtual environment,
# import it, and ask every console script for --help. The wheel must hold no notebooks, data or caches.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd); cd "$root"
venv="$root/.wheel-venv"
rm -rf dist build "$venv"
python -m build --sdist --wheel --outdir dist . > /tmp/ser_nb_build.log 2>&1 || { tail -30 /tmp/ser_nb_build.log; exit 1; }
whl=$(ls dist/*.whl); echo "built: $(ls dist | tr '\n' ' ')"
bad=$(python -m zipfile -l "$whl" | awk 'NR>1{print $1}' | grep -E '\.ipynb$|\.flac$|\.wav$|\.npy$|\.pth$|\.pkl$|__pycache__|(^|/)nbs/' || true)
[ -z "$bad" ] || { echo "FAIL: the wheel holds files it should not: $bad"; exit 1; }
python3 -m venv "$venv"
"$venv/bin/pip" install -q "$whl" > /tmp/ser_nb_wheel_install.log 2>&1 || { grep -v '^WARNING: Location' /tmp/ser_nb_wheel_install.log | tail -20; df -h "$root" /tmp | sed 's/^/  /'; echo "FAIL: the wheel did not install"; exit 1; }
grep -v '^WARNING: Location' /tmp/ser_nb_wheel_install.log || true
version=$(sed -n 's/^version *= *//p' settings.ini)
cd /tmp   # away from the checkout, so that the import comes from the installed wheel
"$venv/bin/python" - "$version" "$venv" <<'PY'
import sys, ser_nb, ser_nb.audio, ser_nb.mels, ser_nb.classifier, ser_nb.ddpm
assert ser_nb.__version__ == sys.argv[1], (ser_nb.__version__, sys.argv[1])
assert ser_nb.__file__.startswith(sys.argv[2]), ser_nb.__file__
print('import ser_nb', ser_nb.__version__, 'from', ser_nb.__file__)
PY
n=0
for cmd in $(sed -n '/^console_scripts/,/^[a-z_]* *=/p' "$root/settings.ini" | grep -o '[a-z_]*=ser_nb' | cut -d= -f1); do
  "$venv/bin/$cmd" --help > /dev/null || { echo "FAIL: $cmd --help"; exit 1; }
  echo "$cmd --help: ok"; n=$((n+1))
done
[ "$n" -ge 6 ] || { echo "FAIL: found only $n console scripts"; exit 1; }
echo "wheel: $((n+2)) passed, 0 failed"
