#!/usr/bin/env bash
# Measures the published Host's working set (resident memory) as one Kubernetes replica runs it: serve in
# Telegram webhook mode on PostgreSQL, idle and then under a short command load, everything on loopback.
# The figures behind the resource requests in deploy/k8s/deployment.yaml (deploy/README.md says how to read them).
#
#   dotnet publish src/CryptoDigest.Host -c Release -o /tmp/cd-publish
#   dotnet build tests/CryptoDigest.Benchmarks            # for its Bot API stand-in (the hidden bot-api-stand-in verb)
#   deploy/scripts/measure-working-set.sh /tmp/cd-publish [idle s: 60] [load s: 30] [commands per second: 50] [after s: 30]
#
# Needs the PostgreSQL server binaries (POSTGRES_BIN or /usr/lib/postgresql/*/bin) and python3 for the load.
set -euo pipefail
cd "$(dirname "$0")/../.."

publish=${1:?usage: measure-working-set.sh <publish folder> [idle s] [load s] [commands/s]}
idle_seconds=${2:-60}
load_seconds=${3:-30}
rate=${4:-50}
after_seconds=${5:-30}
standin=tests/CryptoDigest.Benchmarks/bin/Debug/net10.0/CryptoDigest.Benchmarks.dll
[ -f "$standin" ] || { echo "build tests/CryptoDigest.Benchmarks first ($standin is missing)" >&2; exit 2; }

bin=${POSTGRES_BIN:-$(dirname "$(compgen -G '/usr/lib/postgresql/*/bin/initdb' | sort -V | tail -1)")}
work=$(mktemp -d /tmp/cd-measure-XXXXXX)
chmod 755 "$work"
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
bot_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

host_pid=""; standin_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null || true
  [ -n "$standin_pid" ] && kill "$standin_pid" 2>/dev/null || true
  run_pg "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

run_pg "$bin/initdb" -D "$work/data" -U postgres -A trust >/dev/null
run_pg "$bin/pg_ctl" -D "$work/data" -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1" -l "$work/pg.log" -w start >/dev/null

# The Bot API stand-in in its own process, so its memory is not counted; it prints "url <base>" first.
coproc STANDIN { exec dotnet "$standin" bot-api-stand-in 1000 count-only; }
standin_pid=$STANDIN_PID
read -r _ standin_url <&"${STANDIN[0]}"

secret=measure_working_set_secret_0123456789
export ConnectionStrings__Postgres="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
export Telegram__BotToken=123456:test-token  # the stand-in's token
export Telegram__ApiBaseUrl=$standin_url
export Telegram__WebhookUrl=https://bot.example.test/telegram/webhook
export Telegram__WebhookSecret=$secret
export Telegram__GlobalMessagesPerSecond=1000
export ASPNETCORE_URLS=http://127.0.0.1:$bot_port
# Nothing leaves the machine: the ten configured newsletters (src/CryptoDigest.Host/appsettings.json) are not fetched.
for source in $(seq 0 9); do export "Feeds__Sources__${source}__Enabled=false"; done
(cd "$publish" && exec dotnet CryptoDigest.Host.dll serve) 2>"$work/host.log" &
host_pid=$!

for _ in $(seq 120); do
  curl -fs "http://127.0.0.1:$bot_port/healthz/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$bot_port/healthz/ready" >/dev/null || { echo "the Host never became ready; its log:" >&2; cat "$work/host.log" >&2; exit 1; }

rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$host_pid/status"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$host_pid/stat"; }
ticks_per_second=$(getconf CLK_TCK)
sample() { # seconds -> "min max last millicores" of the working set sampled every 0.5 s, and the processor time used
  local until=$((SECONDS + $1)) min=999999 max=0 now ticks_before
  ticks_before=$(cpu_ticks)
  while [ $SECONDS -lt $until ]; do
    now=$(rss_mb); [ "$now" -lt "$min" ] && min=$now; [ "$now" -gt "$max" ] && max=$now; sleep 0.5
  done
  echo "$min $max $now $(( ($(cpu_ticks) - ticks_before) * 1000 / ticks_per_second / $1 ))"
}

echo "ready: working set $(rss_mb) MB"
read -r idle_min idle_max idle_last idle_cpu < <(sample "$idle_seconds")
echo "idle ${idle_seconds}s: working set min $idle_min MB, max $idle_max MB, last $idle_last MB; processor ${idle_cpu} millicores on average"

# Commands from many private chats through the webhook, as Telegram would post them; the replies go to the stand-in.
python3 - "$bot_port" "$secret" "$load_seconds" "$rate" <<'PY' &
import json, sys, threading, time, http.client
port, secret, seconds, rate = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
texts = ["/help", "/brief", "/sources", "/digest", "/index weights top10", "/security check examp1e-wallet.com", "what is an equal-weight index?"]
sent = [0]
lock = threading.Lock()
def worker(offset, step):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    i = offset
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.monotonic()
        chat = 10_000_000 + i
        update = {"update_id": 1_000_000 + i, "message": {"message_id": i + 1, "date": 1760000000,
                  "chat": {"id": chat, "type": "private"}, "from": {"id": chat, "is_bot": False, "first_name": "M"},
                  "text": texts[i % len(texts)]}}
        conn.request("POST", "/telegram/webhook", json.dumps(update), {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret})
        conn.getresponse().read()
        with lock: sent[0] += 1
        i += step
        time.sleep(max(0.0, step / rate - (time.monotonic() - start)))
threads = [threading.Thread(target=worker, args=(k, 8)) for k in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
print(f"load: {sent[0]} updates posted in {seconds}s")
PY
load_pid=$!
read -r load_min load_max load_last load_cpu < <(sample "$load_seconds")
wait "$load_pid"
echo "load ${load_seconds}s at ${rate}/s: working set min $load_min MB, max $load_max MB, last $load_last MB; processor ${load_cpu} millicores on average"
read -r after_min after_max after_last after_cpu < <(sample "$after_seconds")
echo "${after_seconds}s after: working set min $after_min MB, max $after_max MB, last $after_last MB; processor ${after_cpu} millicores on average"
# METRICS_OUT=<file> keeps the last /metrics scrape (to see every series the Host exports).
[ -n "${METRICS_OUT:-}" ] && curl -fs "http://127.0.0.1:$bot_port/metrics" >"$METRICS_OUT"
echo answered >&"${STANDIN[1]}"
read -r answered <&"${STANDIN[0]}"
echo "chats the stand-in took a reply for: $answered"
