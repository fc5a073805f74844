#if canImport(Glibc)
import Glibc
#endif

/// An open file descriptor that closes itself, once, when the last reference goes away.
///
/// Owning the descriptor in one object is what lets a journal swap in a reopened descriptor without
/// leaking the old one or closing it twice.
final class FileDescriptor {
    let raw: Int32
    let path: String

    init(raw: Int32, path: String) {
        self.raw = raw
        self.path = path
    }

    /// Opens `path`; `flags` always gains `O_CLOEXEC` so a spawned child never inherits journal or lock files.
    static func open(_ path: String, _ flags: Int32, permissions: mode_t = 0o640) throws(StorageError) -> FileDescriptor {
        let raw = try systemCall("open", path) { Glibc.open(path, flags | O_CLOEXEC, permissions) }
        return FileDescriptor(raw: raw, path: path)
    }

    deinit { close(raw) }

    /// The file's current size.
    func size() throws(StorageError) -> Int {
        var status = stat()
        try systemCall("fstat", path) { fstat(raw, &status) }
        return Int(status.st_size)
    }

    /// Reads exactly `count` bytes at `offset` into `destination`; throws if the file ends first.
    func read(into destination: UnsafeMutableRawBufferPointer, at offset: Int) throws(StorageError) {
        var done = 0
        while done < destination.count {
            let count = try systemCall("pread", path) {
                pread(raw, destination.baseAddress! + done, destination.count - done, off_t(offset + done))
            }
            if count == 0 { throw StorageError(.fileShrank(expected: offset + destination.count, found: offset + done), function: "pread", path: path) }
            done += count
        }
    }

    /// Writes all of `bytes` at `offset`. A short write is retried for the rest, so a full disk surfaces as
    /// the `ENOSPC` of the retry; the caller then knows some prefix may have landed.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(StorageError) {
        var done = 0
        while done < bytes.count {
            let count = try systemCall("pwrite", path) {
                pwrite(raw, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
            }
            // Not expected for a regular file; without this check it would loop forever.
            if count == 0 { throw StorageError(function: "pwrite", path: path, errno: EIO) }
            done += count
        }
    }

    func sync() throws(StorageError) { try systemCall("fsync", path) { fsync(raw) } }
}
