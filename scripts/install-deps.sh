#!/usr/bin/env bash
# Installs the Debian packages hvlog builds and tests with; does nothing when they are all present.
set -euo pipefail
# libsqlite3-dev: SQLite export. The lab (hvlog lab run): qemu-system-x86 (QEMU, with seabios and
# qemu-system-data), linux-image-amd64 (the kernel and modules of L1 and L2), busybox-static,
# gcc and libc6-dev (the static guest workload), cpio (the tests check hvlog's archives with it).
# gdbserver: the GDB capture's test peer.
packages=(libsqlite3-dev qemu-system-x86 linux-image-amd64 busybox-static gcc libc6-dev cpio gdbserver)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
