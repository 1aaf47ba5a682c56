#!/bin/busybox sh
# hvlog lab, L1 (the KVM host inside TCG): loads KVM, sets up tracefs, runs L2 under QEMU with
# KVM, relays L2's markers into trace_marker, and writes the trace to the virtio disk /dev/vda as
# a cpio archive that the host reads back. /lab/run.conf (written per run) holds the settings.
/bin/busybox --install -s /bin
export PATH=/bin:/usr/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
. /lab/run.conf
say() { echo "L1LAB $*"; }
fail() { say "error=$1"; shift; for line in "$@"; do say "detail $line"; done; sync; poweroff -f; }
say "stage=init uptime=$(cut -d' ' -f1 /proc/uptime) cpus=$(nproc)"
grep -qw svm /proc/cpuinfo || fail no-svm "$(grep -m1 '^flags' /proc/cpuinfo)"
for module in $MODULES; do
    insmod "/lab/modules/$module" 2>&1 | sed 's/^/L1LAB insmod: /'
done
[ -c /dev/kvm ] || fail no-kvm "$(dmesg | grep -iE 'kvm|svm' | tail -5)"
say "stage=kvm-loaded nested=$(cat /sys/module/kvm_amd/parameters/nested 2>/dev/null) npt=$(cat /sys/module/kvm_amd/parameters/npt 2>/dev/null)"
[ -b /dev/vda ] || fail no-trace-disk "$(dmesg | grep -i virtio | tail -5)"
mount -t tracefs nodev /sys/kernel/tracing || fail no-tracefs
T=/sys/kernel/tracing
echo 0 > $T/tracing_on
echo mono > $T/trace_clock
echo "$TRACE_BUFFER_KB" > $T/buffer_size_kb
echo 1 > $T/options/record-tgid
echo > $T/trace
for event in $EVENTS; do
    if echo 1 > "$T/events/$event/enable" 2>/dev/null; then say "event=$event"; else say "missing-event=$event"; fi
done
echo 1 > $T/tracing_on
# L2's console goes to L1's console prefixed "L2| "; its markers into trace_marker. kvm_entry
# gives each vCPU thread its vCPU number; once every vCPU has entered the guest it is switched
# off to keep the trace small.
# Nested SVM under TCG now and then leaves L2 hung (before its first line, once in a few dozen
# runs; in the middle of its workload, twice) or resets it (once, in the middle of its init's
# first line). L2 is killed when it prints nothing for a third of its time limit (at least 120 s)
# before its first line, or for longer than its longest phase plus 120 s after it; if it ended
# without its shutdown marker it is started once more on a cleared trace, while at least 30 s of
# its time limit are left.
silence=$((L2_TIMEOUT / 3))
[ "$silence" -lt 120 ] && silence=120
stall=120
for argument in $L2_APPEND; do
    case "$argument" in
        hvlab.seconds=*|hvlab.idle=*) [ $((${argument#*=} + 120)) -gt "$stall" ] && stall=$((${argument#*=} + 120)) ;;
    esac
done
attempt=1
limit=$L2_TIMEOUT
started=$(cut -d. -f1 /proc/uptime)
while :; do
    say "stage=l2-start uptime=$(cut -d' ' -f1 /proc/uptime) attempt=$attempt"
    echo "hvlog phase=boot" > $T/trace_marker
    rm -f /tmp/l2-spoke /tmp/l2-done
    begun=$(date +%s)
    (
        while sleep 5; do
            [ -e /tmp/l2-done ] && exit 0
            if [ -e /tmp/l2-spoke ]; then
                [ $(($(date +%s) - $(stat -c %Y /tmp/l2-spoke))) -lt "$stall" ] && continue
                say "l2-stalled=$stall attempt=$attempt"
            else
                [ $(($(date +%s) - begun)) -lt "$silence" ] && continue
                say "l2-silent=$silence attempt=$attempt"
            fi
            killall -KILL qemu-system-x86_64
            exit 0
        done
    ) &
    watcher=$!
    # The exit line starts a line of its own even when L2's last line was cut short.
    ( timeout -s KILL "$limit" qemu-system-x86_64 $L2_QEMU_ARGS -append "$L2_APPEND" < /dev/null 2>&1; status=$?; echo; echo "L1LAB l2-exit=$status" ) |
    while IFS= read -r line; do
        line="${line%$(printf '\r')}"
        case "$line" in
            "") continue ;;
            L1LAB*) echo "$line"; continue ;;
            *"L2MARK "*)
                case "$line" in *"L2MARK hvlog phase=shutdown "*) touch /tmp/l2-done ;; esac
                echo "${line#*L2MARK }" > $T/trace_marker
                echo 0 > $T/events/kvm/kvm_entry/enable 2>/dev/null ;;
        esac
        touch /tmp/l2-spoke  # its time: when L2 last printed
        echo "L2| $line"
    done
    kill "$watcher" 2>/dev/null
    remaining=$((L2_TIMEOUT - $(cut -d. -f1 /proc/uptime) + started))
    if [ -e /tmp/l2-done ] || [ "$attempt" -ge 2 ] || [ "$remaining" -lt 30 ]; then break; fi
    say "l2-unfinished=$attempt"
    attempt=$((attempt + 1))
    limit=$remaining
    echo 0 > $T/tracing_on
    echo > $T/trace
    echo 1 > $T/events/kvm/kvm_entry/enable 2>/dev/null
    echo 1 > $T/tracing_on
done
echo 0 > $T/tracing_on
echo "hvlog lab: L2 exited" > $T/trace_marker 2>/dev/null
say "stage=l2-exited uptime=$(cut -d' ' -f1 /proc/uptime)"
mkdir -p /tmp/out
for cpu in $T/per_cpu/cpu*; do echo "$(basename $cpu) $(grep -E '^(overrun|dropped events|entries):' $cpu/stats | tr '\n' ' ')"; done > /tmp/out/trace-stats.txt
cat /tmp/out/trace-stats.txt | sed 's/^/L1LAB stats /'
cat $T/trace > /tmp/out/trace.txt
say "trace-lines=$(wc -l < /tmp/out/trace.txt)"
dmesg > /tmp/out/l1-dmesg.txt
(cd /tmp/out && ls trace.txt trace-stats.txt l1-dmesg.txt | cpio -o -H newc > /dev/vda 2>/dev/null) || fail trace-write
sync
say "stage=done uptime=$(cut -d' ' -f1 /proc/uptime)"
poweroff -f
