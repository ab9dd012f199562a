#!/usr/bin/env bash
# The whole test suite: types, unit tests (Node, real Pyodide), the built app in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
bash scripts/ensure-chromium.sh
npm run --silent typecheck
npx vitest run
# The conversion recipe's pure checks (Python standard library only).
python3 -m unittest discover -s models/convert -p 'test_*.py'
npm run --silent build
npx playwright test
