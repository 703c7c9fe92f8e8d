#!/usr/bin/env bash
# A real single-node Slurm for archlab's Slurm executor tests: slurmctld and
# slurmd on 127.0.0.1, no munge (AuthType=auth/none), no accounting database,
# two GPUs declared as gres (backed by empty files), everything under one
# state folder. It is a test cluster, not a production set-up.
#
#   install/slurm.sh install   apt-get install slurm-wlm (Debian; root or sudo)
#   install/slurm.sh start     write the config and start the daemons; prints the SLURM_CONF line to export
#   install/slurm.sh stop      stop the daemons this script started
#   install/slurm.sh status    sinfo through the config
#
# Environment: ARCHLAB_SLURM_DIR (default /tmp/archlab-slurm) holds slurm.conf,
# gres.conf, state, spool, logs and pid files. Clients find the cluster with
# SLURM_CONF=$ARCHLAB_SLURM_DIR/slurm.conf (the Go tests look there too).
set -euo pipefail

say() { printf 'slurm: %s\n' "$*"; }
die() { printf 'slurm: error: %s\n' "$*" >&2; exit 1; }

dir=${ARCHLAB_SLURM_DIR:-/tmp/archlab-slurm}
conf=$dir/slurm.conf

install_pkgs() {
	if command -v slurmctld >/dev/null 2>&1 && command -v sbatch >/dev/null 2>&1; then
		say "slurm-wlm already installed"
		return
	fi
	command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install Slurm (slurmctld, slurmd, sbatch) with your package manager"
	sudo=""
	if [ "$(id -u)" != 0 ]; then
		command -v sudo >/dev/null 2>&1 || die "need root to install slurm-wlm"
		sudo=sudo
	fi
	export DEBIAN_FRONTEND=noninteractive
	$sudo apt-get update -qq || die "apt-get update failed"
	$sudo apt-get install -y -qq --no-install-recommends slurm-wlm >/dev/null || die "apt-get install slurm-wlm failed"
	# The package may start its own daemons under /etc/slurm: ours use their own config.
	for s in slurmctld slurmd munge; do
		$sudo service "$s" stop >/dev/null 2>&1 || true
	done
}

write_conf() {
	mkdir -p "$dir/state" "$dir/spool/localhost" "$dir/log" "$dir/dev"
	touch "$dir/dev/gpu0" "$dir/dev/gpu1" # the fake GPUs' device files
	local host cpus mem user
	host=$(hostname -s)
	cpus=$(nproc)
	[ "$cpus" -lt 8 ] && cpus=8 # test jobs mostly wait: 8 slots even on a 2-core machine (config_overrides below)
	mem=$(($(awk '/^MemTotal:/ {print $2}' /proc/meminfo) / 1024 * 9 / 10)) # MiB, leave 10% to the system
	user=$(id -un)
	cat >"$conf" <<EOF
# written by archlab install/slurm.sh: a single-node test cluster
ClusterName=archlab
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=6817
SlurmdPort=6818
AuthType=auth/none
CredType=cred/none
SlurmUser=$user
SlurmdUser=root
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=1
JobAcctGatherParams=OverMemoryKill
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
GresTypes=gpu
ReturnToService=2
SlurmdParameters=config_overrides
MpiDefault=none
MailProg=/bin/true
# Quick turnarounds for tests: a cancelled job is killed 5 s after SIGTERM,
# a finished job is remembered by scontrol for 10 minutes.
KillWait=5
MinJobAge=600
InactiveLimit=0
SlurmdTimeout=60
NodeName=localhost NodeAddr=127.0.0.1 NodeHostname=$host CPUs=$cpus RealMemory=$mem Gres=gpu:2 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
EOF
	cat >"$dir/gres.conf" <<EOF
# two fake GPUs: scheduled like real ones, backed by empty files
AutoDetect=off
NodeName=localhost Name=gpu File=$dir/dev/gpu[0-1]
EOF
}

running() { # pid file -> running?
	[ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null
}

start() {
	command -v slurmctld >/dev/null 2>&1 || die "slurmctld not found: install/slurm.sh install (or apt-get install slurm-wlm)"
	if running "$dir/slurmctld.pid" && running "$dir/slurmd.pid"; then
		say "already running ($conf)"
	else
		stop quiet
		write_conf
		export SLURM_CONF=$conf
		slurmctld -c -i >"$dir/log/slurmctld.out" 2>&1 || die "slurmctld did not start: $(tail -5 "$dir/log/slurmctld.log" 2>/dev/null)"
		slurmd -N localhost >"$dir/log/slurmd.out" 2>&1 || die "slurmd did not start: $(tail -5 "$dir/log/slurmd.log" 2>/dev/null)"
	fi
	export SLURM_CONF=$conf
	local i
	for i in $(seq 1 60); do
		if sinfo --noheader --format='%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
			say "up: $(sinfo --noheader --format='partition %P, %D node, state %T, gres %G')"
			echo "export SLURM_CONF=$conf"
			return 0
		fi
		# A node left down by an earlier run comes back here.
		scontrol update nodename=localhost state=resume >/dev/null 2>&1 || true
		sleep 0.5
	done
	die "the node did not become idle in 30 s: $(sinfo 2>&1 | tail -2); logs in $dir/log"
}

stop() {
	local quiet=${1:-} p
	for p in slurmd slurmctld; do
		if running "$dir/$p.pid"; then
			kill "$(cat "$dir/$p.pid")" 2>/dev/null || true
			for _ in $(seq 1 40); do running "$dir/$p.pid" || break; sleep 0.25; done
			running "$dir/$p.pid" && kill -9 "$(cat "$dir/$p.pid")" 2>/dev/null || true
			[ -z "$quiet" ] && say "stopped $p"
		fi
		rm -f "$dir/$p.pid"
	done
	return 0
}

case "${1:-}" in
install) install_pkgs ;;
start) start ;;
stop) stop ;;
status) SLURM_CONF=$conf sinfo ;;
*) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
