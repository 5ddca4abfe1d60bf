#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine with the .NET SDK, then runs every test:
# unit and integration (real SQLite and files), whole-host functional tests, the AWS CLI against /aws,
# bUnit components, Chromium end to end, and a smoke run of `dotnet run --project src/Portal`.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

echo "== Setting up"
# Debian's Chromium: Playwright drives it by path, it never downloads a browser.
[ -x /usr/bin/chromium ] || apt_install chromium
command -v curl >/dev/null || apt_install curl
command -v python3 >/dev/null || apt_install python3 python3-pip
# The AWS CLI is the real client of /aws; botocore's API models back the wire conformance tests.
if ! command -v aws >/dev/null; then
  python3 -m pip install --quiet awscli 2>/dev/null || apt_install awscli
fi
if ! python3 -c "import botocore" 2>/dev/null; then
  python3 -m pip install --quiet botocore 2>/dev/null || apt_install python3-botocore
fi
# moto_server is the stand-in for Glue, Athena, CloudWatch, Logs and S3 in the Aws backend's tests.
if ! python3 -c "import moto" 2>/dev/null; then
  python3 -m pip install --quiet "moto[server]" 2>/dev/null || python3 -m pip install --quiet --break-system-packages "moto[server]"
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1)"
echo "aws:      $(aws --version 2>&1)"
echo "moto:     $(python3 -c 'import moto; print(moto.__version__)')"

echo "== Building"
dotnet restore Portal.sln
dotnet build Portal.sln --no-restore -warnaserror

echo "== Testing"
rm -rf TestResults
# Test hosts write the cause of a failed shutdown here (xunit shows only a bare TestPipelineException for it).
export LAKEPORT_TEST_DIAGNOSTICS="$PWD/TestResults/diagnostics"
log=$(mktemp)
set +e
dotnet test Portal.sln --no-build --results-directory TestResults 2>&1 | tee "$log"
test_status=${PIPESTATUS[0]}
set -e
if [ -s "$LAKEPORT_TEST_DIAGNOSTICS/shutdown.log" ]; then
  echo "== Test host shutdown problems (recorded, not failing the run)"; cat "$LAKEPORT_TEST_DIAGNOSTICS/shutdown.log"
fi

echo "== Smoke: dotnet run --project src/Portal"
smoke_root=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
started=$(date +%s)
smoke_key=LKIASMOKETEST0000001
smoke_secret=smoke-secret-0123456789abcdefghijklmnopqrstuv
Portal__Local__Root="$smoke_root" Portal__Bootstrap__AdminAccessKeyId="$smoke_key" Portal__Bootstrap__AdminSecretAccessKey="$smoke_secret" \
  setsid dotnet run --project src/Portal -- --urls "http://127.0.0.1:$port" >"$smoke_root/run.log" 2>&1 &
smoke_pid=$!
smoke_ok=0
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/healthz" 2>/dev/null | grep -q '"status":"Healthy"' \
     && curl -fsS "http://127.0.0.1:$port/account/login" 2>/dev/null | grep -q 'Sign in'; then
    smoke_ok=1; break
  fi
  sleep 0.5
done
elapsed=$(( $(date +%s) - started ))
# One query through /aws: the query engine process must start from the program `dotnet run` built (its apphost).
query_ok=0
set +e
if [ "$smoke_ok" -eq 1 ]; then
  smoke_aws() {
    AWS_ACCESS_KEY_ID="$smoke_key" AWS_SECRET_ACCESS_KEY="$smoke_secret" AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null \
      AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" aws --endpoint-url "http://127.0.0.1:$port/aws" --output text "$@"
  }
  query_id=$(smoke_aws athena start-query-execution --query-string "SELECT 6 * 7 AS answer" --query QueryExecutionId 2>>"$smoke_root/run.log")
  for _ in $(seq 1 60); do
    state=$(smoke_aws athena get-query-execution --query-execution-id "$query_id" --query QueryExecution.Status.State 2>>"$smoke_root/run.log")
    [ "$state" = "SUCCEEDED" ] || [ "$state" = "FAILED" ] || [ "$state" = "CANCELLED" ] && break
    sleep 0.5
  done
  if [ "$state" = "SUCCEEDED" ] && smoke_aws athena get-query-results --query-execution-id "$query_id" --query 'ResultSet.Rows[1].Data[0].VarCharValue' 2>>"$smoke_root/run.log" | grep -qx 42 \
     && pgrep -f "Portal query-engine" >/dev/null; then
    query_ok=1
  fi
fi
set -e
kill -- -"$smoke_pid" 2>/dev/null || true
wait "$smoke_pid" 2>/dev/null || true
if [ "$smoke_ok" -eq 1 ] && [ "$elapsed" -le 30 ] && [ "$query_ok" -eq 1 ]; then
  echo "smoke: sign-in page served and /healthz Healthy ${elapsed}s after dotnet run; SELECT 6 * 7 answered 42 from the query engine process"
else
  echo "smoke: FAILED (healthy=$smoke_ok after ${elapsed}s, query=$query_ok); log follows"; cat "$smoke_root/run.log"
fi
rm -rf "$smoke_root"

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$smoke_ok" -eq 1 ] && [ "$elapsed" -le 30 ] && [ "$query_ok" -eq 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
rm -f "$log"
echo "Tests: $passed passed, $failed failed"
[ "$test_status" -eq 0 ] && [ "$failed" -eq 0 ]
