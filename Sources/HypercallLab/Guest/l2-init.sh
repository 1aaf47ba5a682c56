#!/bin/busybox sh
# hvlog lab, L2 (the Hyper-V-enlightened guest): runs the scenario and powers off.
# Every line with "L2MARK " is written by L1 into trace_marker (the text after it); the importer
# turns "hvlog phase=NAME" into a phase change. After each marker the guest waits a moment, so
# that L1 has relayed the marker before the phase's activity starts.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
echo "L2MARK hvlog phase=workload uptime=$(cut -d' ' -f1 /proc/uptime)"
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
workload=tlbstorm; seconds=5; threads=2; idle=20; settle=0.5
for argument in $(cat /proc/cmdline); do
    case "$argument" in
        hvlab.workload=*) workload="${argument#*=}" ;;
        hvlab.seconds=*) seconds="${argument#*=}" ;;
        hvlab.threads=*) threads="${argument#*=}" ;;
        hvlab.idle=*) idle="${argument#*=}" ;;
    esac
done
sleep "$settle"
case "$workload" in
    tlbstorm) /bin/hvlog-tlbstorm "$seconds" "$threads" | sed 's/^/L2INFO /' ;;
    none) ;;
    *) echo "L2ERROR unknown workload $workload" ;;
esac
echo "L2MARK hvlog phase=idle uptime=$(cut -d' ' -f1 /proc/uptime)"
sleep "$idle"
echo "L2MARK hvlog phase=shutdown uptime=$(cut -d' ' -f1 /proc/uptime)"
sleep "$settle"
echo "L2INFO cpus online: $(cat /sys/devices/system/cpu/online)"
echo "L2INFO clocksource: $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
dmesg | grep -E 'Hyper-V|Hypervisor detected|smpboot: Total' | sed 's/^/L2DMESG /'
echo "L2DONE"
poweroff -f
