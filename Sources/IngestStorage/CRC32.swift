/// CRC-32 (IEEE 802.3, as zlib computes it), to tell a torn or corrupted journal record from a good one.
///
/// Eight bytes a step through eight tables ("slicing by 8"): the broker checksums every document it journals,
/// and a byte at a time that was about a tenth of its CPU.
public enum CRC32 {
    /// Table `k` (entries `k * 256 ..< (k + 1) * 256`) is the CRC of each byte followed by `k` zero bytes.
    private static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var value = UInt32(index)
            for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
            tables[index] = value
        }
        for index in 0..<256 {
            var value = tables[index]
            for slice in 1..<8 {
                value = tables[Int(value & 0xFF)] ^ (value >> 8)
                tables[slice * 256 + index] = value
            }
        }
        return tables
    }()

    /// The state before any byte; pass it to ``update(_:_:)`` and finish with ``finish(_:)``.
    static let initial: UInt32 = 0xFFFF_FFFF

    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        let contiguous = Array(bytes)
        return finish(contiguous.withUnsafeBytes { update(initial, $0) })
    }

    /// Feeds `bytes` into a running state, so a checksum can span separate pieces (a header and a payload)
    /// without copying them together. Works on raw memory: journal recovery checksums every byte it reads.
    static func update(_ state: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = state
        tables.withUnsafeBufferPointer { table in
            var offset = 0
            let count = bytes.count
            while count - offset >= 8 {
                let low = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) ^ crc
                let high = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
                crc = table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                offset += 8
            }
            while offset < count {
                crc = table[Int((crc ^ UInt32(bytes[offset])) & 0xFF)] ^ (crc >> 8)
                offset += 1
            }
        }
        return crc
    }

    static func finish(_ state: UInt32) -> UInt32 { state ^ 0xFFFF_FFFF }
}
