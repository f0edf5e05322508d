#!/usr/bin/env bash
# End to end: the real `pingfen repl` in a terminal (a detached tmux session of fixed size with a
# UTF-8 locale), typed to with `tmux send-keys` — Chinese with full-width punctuation, as an IME
# gives it — and read back with `tmux capture-pane`.
#
#   tests/repl_tmux_test.sh PATH/TO/pingfen        (run from the repository's top folder)
#
# Exit 0 when the screen shows what it should, 1 when not, 77 (skipped) only when tmux cannot
# run at all.
set -uo pipefail

bin=${1:?usage: repl_tmux_test.sh PATH/TO/pingfen}
if ! command -v tmux >/dev/null 2>&1; then
  echo "SKIP: tmux is not installed (apt-get install tmux)"
  exit 77
fi

sock="pingfen-repl-test-$$"
session="repl"
home=$(mktemp -d)
tmux_() { tmux -u -L "$sock" -f /dev/null "$@"; }
cleanup() {
  tmux_ kill-server >/dev/null 2>&1 || true
  rm -rf "$home"
}
trap cleanup EXIT

# On a copy of the bundled rulesets: the session's journal and :save write beside them.
work="$home/work"
mkdir -p "$work" && cp -r rulesets "$work/"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
cd "$work" || exit 1

# The REPL, then its exit status on the screen, then a pause so the pane can be read.
cmd="env HOME='$home' LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen NO_COLOR=1 '$bin' repl rulesets/huadu/2023.pf --data rulesets/huadu/2023.example.json; echo PINGFEN_EXIT=\$?; sleep 30"
if ! tmux_ new-session -d -s "$session" -x 120 -y 50 "$cmd" 2>"$home/tmux.err"; then
  echo "SKIP: tmux cannot start a session here: $(cat "$home/tmux.err")"
  exit 77
fi

screen() { tmux_ capture-pane -p -J -t "$session" -S -500 2>/dev/null; }
# The same REPL started again in a new terminal (session `$1`).
start_again() {
  session=$1
  tmux_ new-session -d -s "$session" -x 120 -y 50 "$cmd"
}

# Waits until the screen holds `text` (a fixed string), for at most 10 seconds.
wait_for() {
  local text=$1
  for _ in $(seq 1 100); do
    if screen | grep -qF -- "$text"; then return 0; fi
    sleep 0.1
  done
  echo "FAIL: the screen never showed: $text"
  echo "----- screen -----"
  screen
  echo "------------------"
  exit 1
}

# Types one line (literally: no key names) and presses Enter.
type_line() {
  tmux_ send-keys -t "$session" -l -- "$1"
  tmux_ send-keys -t "$session" Enter
}

wait_for "总分 96.50，等级 优"
wait_for "评分> "

# An expression with full-width brackets and comma: 0.535 × 5 = 2.675 → 2.68, exactly.
type_line "四舍五入（0.535 × 5，2）"
wait_for "四舍五入（0.535 × 5，2）"
if ! (for _ in $(seq 1 50); do screen | grep -qx "2.68" && exit 0; sleep 0.1; done; exit 1); then
  echo "FAIL: 四舍五入（0.535 × 5，2） did not print 2.68"; screen; exit 1
fi

# A redefinition typed over several lines: the open block asks for more with "... ".
# The replacement states its 标准 and keeps its 解释 on purpose (E0605 otherwise).
type_line "三级指标 结转结余率 2 {"
wait_for "... "
type_line "  沿用解释"
type_line "  标准 \"结余结转率≤2%的，得2分；2%＜结余结转率≤10%的，得1分；10%＜结余结转率≤20%的，得0.5分；其余不得分。\""
type_line "  按 结余结转率 分档 {"
type_line "    ≤ 2%          得 2 分"
type_line "    （2%，10%］    得 1 分"
type_line "    （10%，20%］   得 0.5 分"
type_line "    ＞ 20%         不得分"
type_line "  }"
type_line "}"
wait_for "结转结余率 2 → 1 (−1)，总分 96.50 → 95.50"

# One datum changed: 5000 / 44792.02 = 11.16%, in （10%，20%］.
type_line ":set 年末结转和结余 = 5000"
wait_for "结转结余率 1 → 0.5 (−0.5)，总分 95.50 → 95.00"

# An error is shown with a caret, and the REPL goes on.
type_line "三级指标 结转结余率 2 { 得 分 }"
wait_for "没有生效"
type_line "1 + 1"
if ! (for _ in $(seq 1 50); do screen | grep -qx "2" && exit 0; sleep 0.1; done; exit 1); then
  echo "FAIL: the REPL did not go on after an error"; screen; exit 1
fi

# Ctrl-C drops a half-typed line.
tmux_ send-keys -t "$session" -l -- "这行不要"
tmux_ send-keys -t "$session" C-c
wait_for "^C"

# Unsaved changes: the first :quit warns, the second leaves.
type_line ":quit"
wait_for "还没有保存"
type_line ":quit"
wait_for "PINGFEN_EXIT=0"

# The history was kept in $HOME/.pingfen_history.
if [ ! -s "$home/.pingfen_history" ]; then
  echo "FAIL: no history written to \$HOME/.pingfen_history"
  exit 1
fi
# Changes dropped on purpose leave no journal.
if [ -e rulesets/huadu/.2023.pf.journal ]; then
  echo "FAIL: a journal was left after :quit dropped the changes"; exit 1
fi

# A data edit is a change of the session: undone, diffed, and warned about on :quit.
start_again data
wait_for "总分 96.50，等级 优"
type_line ":set 年末结转和结余 = 5000"
wait_for "结转结余率 2 → 1 (−1)，总分 96.50 → 95.50"
type_line ":undo"
wait_for "已撤销：:set 年末结转和结余 = 5000"
type_line ":set 年末结转和结余 = 5000"
type_line ":diff"
wait_for "年末结转和结余  1222.61 → 5000"
wait_for "总分（文件中的数据 → 改后的数据）：96.50 → 95.50 (−1)"
type_line ":quit"
wait_for "会话中数据有 1 条改动"

# The terminal is killed: the journal beside the ruleset keeps the change.
tmux_ kill-session -t data
sleep 0.5
if ! grep -qF "@set :set 年末结转和结余 = 5000" rulesets/huadu/.2023.pf.journal 2>/dev/null; then
  echo "FAIL: no journal of the killed session beside the ruleset"; exit 1
fi

# Opened again, the session is offered back, restored, and saved to the data file.
start_again restored
wait_for "上次在这个文件上的会话没有保存就结束了（规则改动 0 条，数据改动 1 条）"
type_line ":restore"
wait_for "已恢复 1 条改动"
wait_for "总分 96.50 → 95.50"
type_line ":save"
wait_for "已把 1 条数据改动写入 rulesets/huadu/2023.example.json"
if ! grep -qF '"年末结转和结余": 5000,' rulesets/huadu/2023.example.json || ! grep -qF '"_说明"' rulesets/huadu/2023.example.json; then
  echo "FAIL: :save did not write the datum into the data file in place"; exit 1
fi
type_line ":quit"
wait_for "PINGFEN_EXIT=0"
if [ -e rulesets/huadu/.2023.pf.journal ]; then
  echo "FAIL: the journal outlived the save"; exit 1
fi
echo "PASS: pingfen repl in a terminal"
exit 0
