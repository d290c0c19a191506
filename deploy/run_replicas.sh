#!/usr/bin/env bash
# Start N replicas of the app and nginx in front of them (sticky sessions, WebSockets).
#
#   bash deploy/run_replicas.sh [N=number of cores] [PORT=8501]
#
# Then open http://127.0.0.1:PORT. Ctrl-C stops everything. A Streamlit server is one
# Python process, and Python runs one thread at a time: one replica per core uses them
# all. Needs nginx (Debian: apt-get install nginx). RUN_DIR (default: a fresh temporary
# folder) holds the generated nginx.conf, the logs and one <name>.pid per replica.
set -euo pipefail
cd "$(dirname "$0")/.."

replicas=${1:-$(nproc)}
port=${2:-8501}
run_dir=${RUN_DIR:-$(mktemp -d -t app-replicas-XXXX)}
mkdir -p "$run_dir"
command -v nginx >/dev/null || { echo "nginx is not installed (Debian: apt-get install nginx)" >&2; exit 1; }

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

upstreams="" backends="" names=""
for i in $(seq 1 "$replicas"); do
  p=$(free_port)
  python3 -m streamlit run streamlit_app.py --server.headless true --server.address 127.0.0.1 \
    --server.port "$p" --browser.gatherUsageStats false --server.fileWatcherType none \
    >"$run_dir/r$i.log" 2>&1 &
  pids+=("$!")
  echo "$!" >"$run_dir/r$i.pid"
  upstreams+="        server 127.0.0.1:$p;"$'\n'
  backends+="        r$i 127.0.0.1:$p;"$'\n'
  names+="        127.0.0.1:$p r$i;"$'\n'
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$p/_stcore/health" >/dev/null 2>&1 && break
    sleep 0.25
  done
done

user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"  # workers must reach RUN_DIR's temp folders
python3 - "$run_dir" "$port" "$user_line" "$upstreams" "$backends" "$names" <<'PY'
import sys
run_dir, port, user, upstreams, backends, names = sys.argv[1:]
text = open("deploy/nginx.conf.template").read()
for key, value in {"@RUN_DIR@": run_dir, "@PORT@": port, "@USER@": user, "@UPSTREAMS@": upstreams.rstrip(),
                   "@BACKENDS@": backends.rstrip(), "@NAMES@": names.rstrip()}.items():
    text = text.replace(key, value)
open(f"{run_dir}/nginx.conf", "w").write(text)
PY
nginx -p "$run_dir" -c "$run_dir/nginx.conf" &
pids+=("$!")
echo "$replicas replicas behind http://127.0.0.1:$port (logs and pids in $run_dir)"
wait -n "${pids[@]}"
