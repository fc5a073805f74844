#if canImport(Glibc)
import Glibc
#endif

/// An append-only file of records, each `[length: UInt32 LE][crc32: UInt32 LE][payload]`.
///
/// ``append(_:)`` only buffers in the kernel; ``sync()`` makes everything appended so far durable with one
/// `fsync`, so a caller that appends a batch and syncs once gets group commit. Opening a journal reads it
/// whole and cuts off a torn or corrupted tail, which is what a crash mid-write leaves.
public final class Journal {
    public let path: String
    private var descriptor: Int32
    /// Records read when the journal was opened, in order.
    public private(set) var recovered: [[UInt8]] = []
    /// Bytes cut off the end at open because they were not a whole, valid record.
    public private(set) var truncatedBytes = 0
    private var unsynced = false

    public static let maxRecordBytes = 64 << 20

    public init(path: String) throws(StorageError) {
        self.path = path
        descriptor = try systemCall("open", path) { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
        do {
            try recover()
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit { close(descriptor) }

    private func recover() throws(StorageError) {
        let size = Int(try systemCall("lseek", path) { lseek(descriptor, 0, SEEK_END) })
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        while done < size {
            let count = try systemCall("pread", path) {
                bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, size - done, off_t(done)) }
            }
            if count == 0 { break }
            done += count
        }
        var offset = 0
        while offset + 8 <= done {
            let length = Int(Self.readUInt32(bytes, offset))
            let checksum = Self.readUInt32(bytes, offset + 4)
            guard length <= Self.maxRecordBytes, offset + 8 + length <= done else { break }
            let payload = Array(bytes[(offset + 8)..<(offset + 8 + length)])
            guard CRC32.checksum(payload) == checksum else { break }
            recovered.append(payload)
            offset += 8 + length
        }
        truncatedBytes = size - offset
        if truncatedBytes > 0 {
            try systemCall("ftruncate", path) { ftruncate(descriptor, off_t(offset)) }
            try systemCall("fsync", path) { fsync(descriptor) }
        }
        _ = try systemCall("lseek", path) { lseek(descriptor, off_t(offset), SEEK_SET) }
    }

    /// Appends one record; durable only after ``sync()``.
    public func append(_ payload: [UInt8]) throws(StorageError) {
        precondition(payload.count <= Self.maxRecordBytes, "journal record over \(Self.maxRecordBytes) bytes")
        var record = [UInt8]()
        record.reserveCapacity(payload.count + 8)
        Self.appendUInt32(UInt32(payload.count), to: &record)
        Self.appendUInt32(CRC32.checksum(payload), to: &record)
        record.append(contentsOf: payload)
        var written = 0
        while written < record.count {
            written += try systemCall("write", path) {
                record.withUnsafeBytes { write(descriptor, $0.baseAddress! + written, record.count - written) }
            }
        }
        unsynced = true
    }

    /// Makes every appended record durable (one `fsync` for the whole batch).
    public func sync() throws(StorageError) {
        guard unsynced else { return }
        try systemCall("fsync", path) { fsync(descriptor) }
        unsynced = false
    }

    /// Replaces the whole journal with `records`, atomically: a crash leaves the old journal or the new one.
    public func rewrite(_ records: [[UInt8]]) throws(StorageError) {
        let temporary = path + ".compact"
        unlink(temporary)
        do {
            let replacement = try Journal(path: temporary)
            for record in records { try replacement.append(record) }
            try replacement.sync()
        }
        try systemCall("rename", path) { rename(temporary, path) }
        try AtomicFile.syncDirectory(containing: path)
        let reopened = try systemCall("open", path) { open(path, O_RDWR | O_CLOEXEC, 0o644) }
        close(descriptor)
        descriptor = reopened
        _ = try systemCall("lseek", path) { lseek(descriptor, 0, SEEK_END) }
        recovered = []
        unsynced = false
    }

    /// Renames the journal to `newPath` (replacing what is there) and starts an empty one in its place.
    public func rotate(to newPath: String) throws(StorageError) {
        try sync()
        try systemCall("rename", path) { rename(path, newPath) }
        let fresh = try systemCall("open", path) { open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644) }
        close(descriptor)
        descriptor = fresh
        try AtomicFile.syncDirectory(containing: path)
        recovered = []
    }


    private static func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
    }

    private static func appendUInt32(_ value: UInt32, to bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }
}
