/// The bytes of one journal record: `[length: UInt32 LE][crc: UInt32 LE][payload]`.
///
/// The CRC-32 covers the four length bytes and then the payload. Covering the length means a run of zero
/// bytes (what a file system can leave after a crash, or a hole) is never a valid empty record, which
/// matters once recovery scans through damage looking for the next record. Records written before this
/// change had a CRC of the payload alone; those are still accepted when non-empty, so old journals open.
enum JournalRecordFormat {
    static let headerBytes = 8

    /// The header and payload of one record, ready to write in one call.
    static func encode(_ payload: [UInt8]) -> [UInt8] {
        var record = [UInt8]()
        record.reserveCapacity(headerBytes + payload.count)
        append(payload, to: &record)
        return record
    }

    /// Appends one record (header and payload) to `records`, so that several go to the file in one write.
    static func append(_ payload: [UInt8], to records: inout [UInt8]) {
        let start = records.count
        appendUInt32(UInt32(payload.count), to: &records)
        appendUInt32(0, to: &records)
        records.append(contentsOf: payload)
        let checksum = records.withUnsafeBytes { bytes in
            let length = UnsafeRawBufferPointer(rebasing: bytes[start..<start + 4])
            let payload = UnsafeRawBufferPointer(rebasing: bytes[(start + headerBytes)...])
            return CRC32.finish(CRC32.update(CRC32.update(CRC32.initial, length), payload))
        }
        for index in 0..<4 { records[start + 4 + index] = UInt8(truncatingIfNeeded: checksum >> UInt32(8 * index)) }
    }

    /// Whether `record` (a header followed by exactly the payload its length names) carries a matching checksum.
    static func isValid(_ record: UnsafeRawBufferPointer) -> Bool {
        let stored = readUInt32(record, 4)
        let payload = UnsafeRawBufferPointer(rebasing: record[headerBytes...])
        let withLength = CRC32.update(CRC32.initial, UnsafeRawBufferPointer(rebasing: record[0..<4]))
        if CRC32.finish(CRC32.update(withLength, payload)) == stored { return true }
        // The earlier format; an empty payload is left out because its checksum, 0, matches zeroed bytes.
        return !payload.isEmpty && CRC32.finish(CRC32.update(CRC32.initial, payload)) == stored
    }

    static func readUInt32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    private static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
