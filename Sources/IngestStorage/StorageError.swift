#if canImport(Glibc)
import Glibc
#endif

/// A failed storage operation: which call, on which path, its errno, and, when the failure is not a plain
/// failed system call, the ``Reason``.
///
/// `reason` is `nil` for a failed system call, so code that only looks at `function`, `path` and `errno`
/// keeps working.
public struct StorageError: Error, CustomStringConvertible {
    /// Why an operation was refused or failed, beyond a failed system call.
    public enum Reason: Sendable, Equatable, CustomStringConvertible {
        /// A journal record's payload is over ``Journal/maxRecordBytes``; nothing was written.
        case recordTooLarge(bytes: Int, limit: Int)
        /// An earlier cut-back of the journal failed (`function` and `errno` tell which call), so the file may
        /// hold torn or not-durable bytes after the last commit; every append and commit is refused until
        /// ``Journal/repair()`` succeeds.
        case journalBroken
        /// A record that was valid when the journal was opened no longer is: the file changed underneath.
        case corruptRecord(offset: Int)
        /// The file ended earlier than its size said while it was being read: it changed underneath.
        case fileShrank(expected: Int, found: Int)
        /// Not a file to read whole: a named pipe or a socket (what it is).
        case notAFile(String)

        public var description: String {
            switch self {
            case .recordTooLarge(let bytes, let limit): "record of \(bytes) bytes is over the limit of \(limit)"
            case .journalBroken: "journal is broken by an earlier failed cut-back; call repair()"
            case .corruptRecord(let offset): "record at offset \(offset) fails its checksum"
            case .fileShrank(let expected, let found): "file ended at \(found) bytes, expected \(expected)"
            case .notAFile(let kind): "it is \(kind), not a file"
            }
        }
    }

    public let function: String
    public let path: String
    /// The errno of the failed call; 0 when `reason` says what went wrong without one.
    public let errno: Int32
    public let reason: Reason?

    public init(function: String, path: String, errno: Int32, reason: Reason? = nil) {
        self.function = function
        self.path = path
        self.errno = errno
        self.reason = reason
    }

    /// A refusal that no system call reported, such as a record over the size limit.
    public init(_ reason: Reason, function: String, path: String) {
        self.init(function: function, path: path, errno: 0, reason: reason)
    }

    public var description: String {
        let call = "\(function)(\(path))"
        let system = "\(String(cString: strerror(errno))) (errno \(errno))"
        switch (reason, errno) {
        case (nil, _): return "\(call) failed: \(system)"
        case (let reason?, 0): return "\(call): \(reason)"
        case (let reason?, _): return "\(call): \(reason); \(system)"
        }
    }
}

/// Runs a system call, retrying on `EINTR`, and throws a ``StorageError`` when it returns -1.
@discardableResult
func systemCall<T: BinaryInteger>(_ function: String, _ path: @autoclosure () -> String, _ body: () -> T) throws(StorageError) -> T {
    while true {
        let result = body()
        if result != -1 { return result }
        let error = errno
        if error == EINTR { continue }
        // The path is made into text only for the error (`ingest extract` reads every document through here).
        throw StorageError(function: function, path: path(), errno: error)
    }
}
