/// Reads journal records from a file in file order, holding at most one record plus one chunk in memory.
///
/// In ``Mode/salvage`` a bad record does not end the scan: the scanner moves forward one byte at a time
/// until a plausible length (within the limit and the file) with a matching CRC-32 begins, so a damaged
/// stretch in the middle costs only the records it overlaps. The bytes skipped before a later good record
/// are counted as damage; whatever follows the last good record is the tail. In ``Mode/strict`` any bad
/// record throws: used on a journal already checked at open, where damage means the file changed underneath.
struct RecordScanner {
    enum Mode { case salvage, strict }

    /// A good record: where its header starts and how long its payload is.
    struct Found {
        let offset: Int
        let length: Int
    }

    private let file: FileDescriptor
    private let limit: Int
    private let chunkBytes: Int
    private let mode: Mode

    /// File bytes `[bufferStart, bufferStart + buffer.count)`.
    private var buffer: [UInt8] = []
    private var bufferStart = 0
    private var offset = 0
    private var gapStart: Int?

    /// Good records found so far.
    private(set) var records = 0
    /// Good records found after the first damaged stretch: those a scan that stops at damage would lose.
    private(set) var salvagedRecords = 0
    /// Bytes skipped between good records.
    private(set) var damagedBytes = 0
    /// The end of the last good record.
    private(set) var end = 0

    /// Scans `file` from its start up to `limit` bytes.
    init(file: FileDescriptor, limit: Int, chunkBytes: Int, mode: Mode) {
        self.file = file
        self.limit = limit
        self.chunkBytes = max(chunkBytes, JournalRecordFormat.headerBytes)
        self.mode = mode
    }

    /// Bytes after the last good record; complete once ``next()`` has returned `nil`.
    var tailBytes: Int { limit - end }

    /// The next good record, or `nil` at the end. Its payload can be read until the next call.
    mutating func next() throws(StorageError) -> Found? {
        let header = JournalRecordFormat.headerBytes
        while try ensure(offset, header) {
            let length = Int(buffer.withUnsafeBytes { JournalRecordFormat.readUInt32($0, offset - bufferStart) })
            if length <= Journal.maxRecordBytes, length <= limit - offset - header, try ensure(offset, header + length),
               buffer.withUnsafeBytes({ JournalRecordFormat.isValid(UnsafeRawBufferPointer(rebasing: $0[(offset - bufferStart)..<(offset - bufferStart + header + length)])) }) {
                if let gapStart {
                    damagedBytes += offset - gapStart
                    self.gapStart = nil
                }
                if damagedBytes > 0 { salvagedRecords += 1 }
                records += 1
                let found = Found(offset: offset, length: length)
                offset += header + length
                end = offset
                return found
            }
            if mode == .strict { throw StorageError(.corruptRecord(offset: offset), function: "read", path: file.path) }
            if gapStart == nil { gapStart = offset }
            offset += 1
        }
        if mode == .strict, end != limit { throw StorageError(.corruptRecord(offset: end), function: "read", path: file.path) }
        return nil
    }

    /// Calls `body` with the payload of `found`, the record ``next()`` just returned.
    func withPayload<R, E: Error>(_ found: Found, _ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let start = found.offset - bufferStart + JournalRecordFormat.headerBytes
        return try buffer.withTypedBytes { bytes throws(E) in
            try body(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + found.length)]))
        }
    }

    /// A copy of the payload of `found`, the record ``next()`` just returned.
    func payload(_ found: Found) -> [UInt8] { withPayload(found) { Array($0) } }

    /// Makes file bytes `[start, start + count)` available in `buffer`, reading at least a chunk at a time and
    /// dropping what lies before `start`. Returns `false` if they reach past `limit`.
    private mutating func ensure(_ start: Int, _ count: Int) throws(StorageError) -> Bool {
        guard count <= limit - start else { return false }
        if start >= bufferStart, start + count <= bufferStart + buffer.count { return true }
        if start >= bufferStart, start <= bufferStart + buffer.count {
            buffer.removeFirst(start - bufferStart)
        } else {
            buffer.removeAll(keepingCapacity: true)
        }
        bufferStart = start
        let have = buffer.count
        let wanted = min(limit - (start + have), max(count - have, chunkBytes))
        buffer.reserveCapacity(have + wanted)
        buffer.append(contentsOf: repeatElement(0, count: wanted))
        try buffer.withTypedMutableBytes { bytes throws(StorageError) in
            try file.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[have...]), at: start + have)
        }
        return true
    }
}
