/// CRC-32C (Castagnoli), the checksum PostgreSQL keeps at the end of pg_control
/// (`pg_crc32c`: INIT_CRC32C = 0xFFFFFFFF, reflected polynomial 0x82F63B78, FIN_CRC32C xors
/// 0xFFFFFFFF; see src/include/port/pg_crc32c.h). Table-driven: pg_control's CRC covers under
/// 300 bytes, so this costs about a microsecond.
public enum CRC32C {
    private static let table: [UInt32] = (0..<256).map { index in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        return crc
    }

    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }
}
