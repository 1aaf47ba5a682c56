import CCRC32C

/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as iSCSI, ext4 and SCTP use it.
///
/// The SSE4.2 `crc32` instruction where the CPU has it, otherwise slicing-by-8 (both in the
/// `CCRC32C` C target, chosen once when the program loads).
public enum CRC32C {
    /// The CRC of `bytes`, continuing from `crc` (0 to start).
    @inline(__always)
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        hvlog_crc32c(crc, bytes.baseAddress, bytes.count)
    }

    /// The table-driven computation (also the reference the hardware path is tested against).
    static func software(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        hvlog_crc32c_software(crc, bytes.baseAddress, bytes.count)
    }

    /// The CRC of a byte array.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}
