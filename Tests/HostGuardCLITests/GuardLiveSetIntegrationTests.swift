import Foundation
import Testing

/// Every way a command can reach a running PostgreSQL primary's live set, on the real thing:
/// PostgreSQL 15 started as postgres on a unix socket, its data directory on a loop-device ext4,
/// its WAL in an external directory (initdb --waldir: a pg_wal symlink), a tablespace elsewhere,
/// a hard link, a symlink and a bind mount to it — all in a private mount namespace on a tmpfs, so
/// nothing leaks to the host. mkfs, wipefs, dd, shred and umount are stand-ins first on PATH that
/// only record they ran (were one let through, nothing real would happen). Afterwards the canary
/// tables are read over a new connection.
@Suite("guard against a live primary's whole live set", .serialized)
struct GuardLiveSetIntegrationTests {
    static let cases = ["direct", "symlink", "inside", "bind", "procroot", "proccwd", "hardlink", "wal", "walparent",
                        "tablespace", "mv", "mkfs", "wipefs", "dd", "shred", "truncate"]

    static func run(_ mode: String) throws -> String {
        let directory = try TemporaryDirectory()
        chmod(directory.path, 0o755)
        let script = try directory.write("live-set.sh", Self.script)
        let result = try runProcess("/usr/bin/unshare", ["-m", "--propagation", "private", "/bin/bash", script, directory.path + "/t", mode],
                                    environment: ["HG": HostGuardBinary.path], timeout: 240)
        return result.stdout + result.stderr
    }

    static func check(_ output: String) {
        #expect(!output.contains("setup-failed"), "\(output)")
        for name in cases {
            let line = output.split(separator: "\n").first { $0.hasPrefix("case \(name) ") }
            #expect(line?.hasPrefix("case \(name) status=100 guard: refused:") == true, "\(name): \(line ?? "missing")\n\(output)")
        }
        #expect(output.contains("intact=alive/alive"), "\(output)")
        #expect(output.contains("stand-ins=\n") || output.hasSuffix("stand-ins="), "a stand-in ran: \(output)")
    }

    @Test("production config with the probe: every spelling and class refused, the data intact")
    func production() throws {
        let output = try Self.run("production")
        Self.check(output)
        // The refusal names the live server's role from pg_control and who holds it.
        #expect(output.contains("running, PRIMARY"), "\(output)")
        let tablespace = output.split(separator: "\n").first { $0.hasPrefix("case tablespace ") } ?? ""
        #expect(tablespace.contains("is the tablespace "), "\(tablespace)")
        let device = output.split(separator: "\n").first { $0.hasPrefix("case mkfs ") } ?? ""
        #expect(device.contains("block device 7:"), "\(device)")
    }

    @Test("development config without a probe: the same, found from the files and the processes alone")
    func development() throws {
        Self.check(try Self.run("development"))
    }

    static let script = #"""
# Run inside `unshare -m --propagation private`. $1: work dir, $2: "production"|"development".
# Prints one line per case: "case NAME status=N"; then "intact=…", "stand-ins=…".
set -u
T=$1 MODE=$2
PG=/usr/lib/postgresql/15/bin
mkdir -p "$T"
as_pg() { runuser -u postgres -- "$@"; }
mount -t tmpfs tmpfs "$T" -o mode=0755
mkdir -p "$T/disk" "$T/wal" "$T/ts" "$T/sock" "$T/bin" "$T/bind" "$T/cfg"
truncate -s 64M "$T/img"
LOOP=$(losetup -f --show "$T/img") || { echo "setup-failed losetup"; exit 1; }
trap 'as_pg $PG/pg_ctl -D "$T/disk/main" -m immediate stop >/dev/null 2>&1; umount "$T/bind" 2>/dev/null; umount "$T/disk" 2>/dev/null; losetup -d "$LOOP"' EXIT
mkfs.ext4 -q "$LOOP" && mount "$LOOP" "$T/disk" || { echo "setup-failed mkfs"; exit 1; }
chown postgres: "$T/disk" "$T/wal" "$T/ts" "$T/sock"
as_pg $PG/initdb -D "$T/disk/main" --waldir="$T/wal/pg_wal" -A trust -U postgres >/dev/null || { echo "setup-failed initdb"; exit 1; }
PORT=$((20000 + RANDOM % 20000))
as_pg $PG/pg_ctl -D "$T/disk/main" -w -l "$T/sock/log" -o "-p $PORT -k $T/sock -c listen_addresses=''" start >/dev/null || { echo "setup-failed start"; cat "$T/sock/log"; exit 1; }
psql_() { as_pg $PG/psql -h "$T/sock" -p $PORT -U postgres -d postgres -XAtq "$@"; }
psql_ -c "CREATE TABLESPACE ts LOCATION '$T/ts'" -c "CREATE TABLE canary (v text) TABLESPACE ts" -c "INSERT INTO canary VALUES ('alive')" \
      -c "CREATE TABLE canary2 (v text)" -c "INSERT INTO canary2 VALUES ('alive')" -c "CHECKPOINT" || { echo "setup-failed sql"; exit 1; }
POSTMASTER=$(head -1 "$T/disk/main/postmaster.pid")
ln "$T/disk/main/PG_VERSION" "$T/disk/hardlink"
ln -s "$T/disk/main" "$T/pglink"
mount --bind "$T/disk/main" "$T/bind"
# Stand-ins first on PATH: they only record that they ran.
for tool in mkfs.ext4 mkfs wipefs dd shred umount; do
    printf '#!/bin/sh\necho "%s $*" >> %s/ran\n' "$tool" "$T" > "$T/bin/$tool"; chmod +x "$T/bin/$tool"
done
if [ "$MODE" = production ]; then
    printf '[host]\nenvironment = "production"\n[[probe]]\nkind = "postgresql"\ndata_dir = "%s/disk/main"\n[guard]\nscan_budget_ms = 10000\n' "$T" > "$T/cfg/hostguard.toml"
else
    printf '[host]\nenvironment = "development"\n[guard]\nscan_budget_ms = 10000\n' > "$T/cfg/hostguard.toml"
fi
export HOSTGUARD_CONFIG=$T/cfg/hostguard.toml PATH="$T/bin:$PATH"
try() { local name=$1; shift; setsid -w "$HG" guard -- "$@" >/dev/null 2>"$T/err.$name"; local s=$?; echo "case $name status=$s $(grep "^guard: " "$T/err.$name" | head -1 | cut -c1-300)"; }
try direct rm -rf "$T/disk/main"
try symlink rm -rf "$T/pglink/"
try inside rm -rf "$T/disk/main/base"
try bind rm -rf "$T/bind"
try procroot rm -rf "/proc/$POSTMASTER/root$T/disk/main"
try proccwd rm -rf "/proc/$POSTMASTER/cwd/global"
try hardlink rm "$T/disk/hardlink"
try wal rm -rf "$T/wal/pg_wal"
try walparent rm -rf "$T/wal"
try tablespace rm -rf "$T/ts"
try mv mv "$T/disk/main" "$T/disk/main.old"
try mkfs mkfs.ext4 "$LOOP"
try wipefs wipefs -a "$LOOP"
try dd dd if=/dev/zero of="$LOOP" bs=1M count=1
try shred shred "$T/disk/main/global/pg_control"
try truncate truncate -s 0 "$T/wal/pg_wal/000000010000000000000001"
# The data is intact and the server still answers a new connection.
echo "intact=$(psql_ -c 'SELECT v FROM canary' 2>&1)/$(psql_ -c 'SELECT v FROM canary2' 2>&1)"
echo "stand-ins=$(cat "$T/ran" 2>/dev/null | tr '\n' ';')"
"""#
}
