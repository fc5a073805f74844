#if canImport(Glibc)
import Glibc
#endif

/// An append-only file of records, each `[length: UInt32 LE][crc32: UInt32 LE][payload]` (see
/// ``JournalRecordFormat`` for what the checksum covers).
///
/// ``append(_:)`` only hands bytes to the kernel; ``commit()`` makes everything appended so far durable with
/// one `fsync`, so a caller that appends a batch and commits once gets group commit.
///
/// The file never holds bytes after torn ones: a failed append is cut back to the last whole record, and a
/// failed commit is cut back to the last committed length (after a failed `fsync` the kernel may already have
/// dropped the dirty pages, so the bytes since the last commit cannot be trusted, and retrying `fsync` would
/// only report success for data that is gone). When a cut-back itself fails the journal is ``isBroken`` and
/// refuses appends and commits until ``repair()`` succeeds.
///
/// Opening checks the whole file in bounded memory. A torn or corrupt tail is cut off; damage in the middle
/// never costs the good records after it (see ``init(path:permissions:)``).
///
/// One process at a time: a daemon holds a ``DirectoryLock`` on its data directory before opening journals.
public final class Journal {
    public let path: String
    public let permissions: mode_t
    /// What opening found and did.
    public let recovery: JournalRecovery

    /// The largest payload ``append(_:)`` accepts. It also bounds how far recovery reads for one record.
    public static let maxRecordBytes = 16 << 20

    /// System calls that tests replace to simulate failures the file system rarely gives on demand.
    struct SystemCalls {
        var fsync: (Int32) -> Int32 = { Glibc.fsync($0) }
        var ftruncate: (Int32, off_t) -> Int32 = { Glibc.ftruncate($0, $1) }
    }

    var systemCalls = SystemCalls()
    private var file: FileDescriptor
    private let chunkBytes: Int
    /// The file's length at the last successful commit (or at open): everything before it is durable.
    private var committedLength: Int
    /// The end of the last whole record appended: where the next append writes.
    private var endLength: Int
    /// The failed cut-back that broke the journal, if one did.
    private var brokenBy: StorageError?

    /// Opens (creating with `permissions`) and checks the whole file in bounded memory.
    ///
    /// A torn or corrupt tail is cut off. Damage in the middle (a bad record followed by good ones) never
    /// silently drops the good records after it: the file is first copied to `<path>.damaged-<unix seconds>`,
    /// then rewritten atomically with every good record found (the scan resynchronises byte by byte on the
    /// next offset where a plausible length and a matching CRC-32 begin), and ``recovery`` reports it.
    public convenience init(path: String, permissions: mode_t = 0o640) throws(StorageError) {
        try self.init(path: path, permissions: permissions, chunkBytes: 1 << 20)
    }

    /// `chunkBytes` is how much is read at a time when scanning; tests make it small.
    init(path: String, permissions: mode_t, chunkBytes: Int) throws(StorageError) {
        self.path = path
        self.permissions = permissions
        self.chunkBytes = chunkBytes
        var file = try Self.openOrCreate(path, permissions: permissions)
        // A rewrite killed before its rename leaves its temporary file; it was never the journal.
        unlink(path + ".rewrite")
        let size = try file.size()
        var scanner = RecordScanner(file: file, limit: size, chunkBytes: chunkBytes, mode: .salvage)
        while try scanner.next() != nil {}
        var damagedCopy: String?
        if scanner.damagedBytes == 0 {
            if scanner.tailBytes > 0 {
                try systemCall("ftruncate", path) { Glibc.ftruncate(file.raw, off_t(scanner.end)) }
                try file.sync()
            }
            committedLength = scanner.end
        } else {
            damagedCopy = try Self.copyAside(file, size: size, permissions: permissions, chunkBytes: chunkBytes)
            let writer = try RecordFileWriter(replacing: path, permissions: permissions)
            var salvage = RecordScanner(file: file, limit: size, chunkBytes: chunkBytes, mode: .salvage)
            while let found = try salvage.next() {
                try salvage.withPayload(found) { payload throws(StorageError) in try writer.append(payload) }
            }
            try writer.install()
            file = try FileDescriptor.open(path, O_RDWR)
            committedLength = writer.length
        }
        self.file = file
        endLength = committedLength
        recovery = JournalRecovery(
            records: scanner.records, truncatedTailBytes: scanner.tailBytes, damagedBytes: scanner.damagedBytes,
            salvagedRecords: scanner.salvagedRecords, damagedCopy: damagedCopy
        )
    }

    /// Bytes of the file that are durable: its length at the last successful commit.
    public var committedBytes: Int { committedLength }

    /// Whether records were appended since the last successful commit.
    public var hasUncommitted: Bool { endLength != committedLength }

    /// Whether a failed cut-back left the file in a state appends must not build on; see ``repair()``.
    public var isBroken: Bool { brokenBy != nil }

    /// Streams every record in file order (those appended but not yet committed too), reading in chunks:
    /// at most one record plus a chunk is in memory. Throws if a record no longer matches its checksum.
    public func forEachRecord(_ body: ([UInt8]) throws -> Void) throws {
        var scanner = RecordScanner(file: file, limit: endLength, chunkBytes: chunkBytes, mode: .strict)
        while let found = try scanner.next() { try body(scanner.payload(found)) }
    }

    /// Appends one record; durable only after ``commit()``.
    ///
    /// Throws, without writing, for a payload over ``maxRecordBytes``. On a failed or short write the file is
    /// cut back to the end of the last whole record before throwing, so nothing is ever written after torn
    /// bytes; if that cut fails the journal becomes ``isBroken``.
    public func append(_ payload: [UInt8]) throws(StorageError) {
        try append(contentsOf: [payload])
    }

    /// Appends the records in order with one write (one system call for a whole batch, where ``append(_:)`` per
    /// record made one each); durable only after ``commit()``. All or none: a payload over ``maxRecordBytes``
    /// throws before anything is written, and a failed or short write is cut back to where this call began.
    public func append(contentsOf payloads: [[UInt8]]) throws(StorageError) {
        guard !payloads.isEmpty else { return }
        try refuseIfBroken("append")
        var bytes = 0
        for payload in payloads {
            guard payload.count <= Self.maxRecordBytes else {
                throw StorageError(.recordTooLarge(bytes: payload.count, limit: Self.maxRecordBytes), function: "append", path: path)
            }
            bytes += JournalRecordFormat.headerBytes + payload.count
        }
        var records = [UInt8]()
        records.reserveCapacity(bytes)
        for payload in payloads { JournalRecordFormat.append(payload, to: &records) }
        do throws(StorageError) {
            try records.withTypedBytes { bytes throws(StorageError) in try file.write(bytes, at: endLength) }
        } catch {
            do {
                try systemCall("ftruncate", path) { systemCalls.ftruncate(file.raw, off_t(endLength)) }
            } catch {
                brokenBy = error
            }
            throw error
        }
        endLength += records.count
    }

    /// Makes every appended record durable with one `fsync`.
    ///
    /// On failure (`EIO`, `ENOSPC`, ...) the records appended since the last successful commit are not durable
    /// and never will be: the file is cut back to the last committed length, the descriptor reopened, and the
    /// error thrown; the caller treats the whole batch as failed. If the cut-back fails the journal is ``isBroken``.
    public func commit() throws(StorageError) {
        try refuseIfBroken("commit")
        guard hasUncommitted else { return }
        do throws(StorageError) {
            try systemCall("fsync", path) { systemCalls.fsync(file.raw) }
        } catch {
            do {
                try cutBackToCommitted()
            } catch {
                brokenBy = error
            }
            throw error
        }
        committedLength = endLength
    }

    /// Forgets the records appended since the last commit: a batch that failed half-way is never written later.
    public func rollback() throws(StorageError) {
        guard hasUncommitted || isBroken else { return }
        try repair()
    }

    /// Cuts the file back to the last committed length (dropping records not yet committed) and reopens it;
    /// clears ``isBroken`` on success.
    public func repair() throws(StorageError) {
        try cutBackToCommitted()
        brokenBy = nil
    }

    /// Replaces the whole journal with `records`, atomically (temporary file, fsync, rename, fsync directory):
    /// a crash leaves the old journal or the new one. Records appended and not committed are dropped with the
    /// old contents. A journal that was broken is whole again afterwards.
    public func rewrite(_ records: some Sequence<[UInt8]>) throws(StorageError) {
        let writer = try RecordFileWriter(replacing: path, permissions: permissions)
        for record in records { try writer.append(record) }
        try writer.install()
        // The path now names the new file; until the descriptor follows, appends would go to the old one.
        committedLength = writer.length
        endLength = writer.length
        do {
            file = try FileDescriptor.open(path, O_RDWR)
        } catch {
            brokenBy = error
            throw error
        }
        brokenBy = nil
    }

    private func refuseIfBroken(_ function: String) throws(StorageError) {
        guard let brokenBy else { return }
        throw StorageError(function: brokenBy.function, path: path, errno: brokenBy.errno, reason: .journalBroken)
    }

    /// Truncates to the committed length through a fresh descriptor, makes the cut durable (so records the
    /// caller was told failed cannot reappear after a crash), then switches to that descriptor.
    private func cutBackToCommitted() throws(StorageError) {
        let fresh = try Self.openOrCreate(path, permissions: permissions)
        try systemCall("ftruncate", path) { systemCalls.ftruncate(fresh.raw, off_t(committedLength)) }
        try systemCall("fsync", path) { systemCalls.fsync(fresh.raw) }
        file = fresh
        endLength = committedLength
    }

    /// Opens `path` for reading and writing, creating it if missing; a new file's directory entry is made
    /// durable at once, or a commit to it could vanish with the entry in a crash.
    private static func openOrCreate(_ path: String, permissions: mode_t) throws(StorageError) -> FileDescriptor {
        do {
            let created = try FileDescriptor.open(path, O_RDWR | O_CREAT | O_EXCL, permissions: permissions)
            try AtomicFile.syncDirectory(containing: path)
            return created
        } catch where error.errno == EEXIST {
            return try FileDescriptor.open(path, O_RDWR)
        }
    }

    /// Copies the file, as it is, to `<path>.damaged-<unix seconds>` (another suffix if that exists), durably,
    /// before recovery rewrites it: the skipped bytes stay available to whoever investigates.
    private static func copyAside(_ file: FileDescriptor, size: Int, permissions: mode_t, chunkBytes: Int) throws(StorageError) -> String {
        let base = file.path + ".damaged-\(time(nil))"
        var copyPath = base
        var attempt = 1
        var copy: FileDescriptor
        while true {
            do {
                copy = try FileDescriptor.open(copyPath, O_WRONLY | O_CREAT | O_EXCL, permissions: permissions)
                break
            } catch where error.errno == EEXIST {
                attempt += 1
                copyPath = base + "-\(attempt)"
            }
        }
        var buffer = [UInt8](repeating: 0, count: max(1, chunkBytes))
        var done = 0
        while done < size {
            let count = min(buffer.count, size - done)
            try buffer.withTypedMutableBytes { bytes throws(StorageError) in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[0..<count]), at: done)
            }
            try buffer.withTypedBytes { bytes throws(StorageError) in
                try copy.write(UnsafeRawBufferPointer(rebasing: bytes[0..<count]), at: done)
            }
            done += count
        }
        try copy.sync()
        try AtomicFile.syncDirectory(containing: copyPath)
        return copyPath
    }
}
