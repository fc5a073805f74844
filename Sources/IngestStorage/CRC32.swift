/// CRC-32 (IEEE 802.3, as zlib computes it), to tell a torn or corrupted journal record from a good one.
public enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// The state before any byte; pass it to ``update(_:_:)`` and finish with ``finish(_:)``.
    static let initial: UInt32 = 0xFFFF_FFFF

    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc = initial
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return finish(crc)
    }

    /// Feeds `bytes` into a running state, so a checksum can span separate pieces (a header and a payload)
    /// without copying them together. Works on raw memory: journal recovery checksums every byte it reads.
    static func update(_ state: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = state
        table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc
    }

    static func finish(_ state: UInt32) -> UInt32 { state ^ 0xFFFF_FFFF }
}
