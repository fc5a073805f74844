#if canImport(Glibc)
import Glibc
#endif

/// A failed file-system call: which one, on which path, and errno.
public struct StorageError: Error, CustomStringConvertible {
    public let function: String
    public let path: String
    public let errno: Int32

    public var description: String { "\(function)(\(path)) failed: \(String(cString: strerror(errno))) (errno \(errno))" }
}

/// Runs a system call, retrying on `EINTR`, and throws a ``StorageError`` when it returns -1.
@discardableResult
func systemCall<T: BinaryInteger>(_ function: String, _ path: String, _ body: () -> T) throws(StorageError) -> T {
    while true {
        let result = body()
        if result != -1 { return result }
        if errno == EINTR { continue }
        throw StorageError(function: function, path: path, errno: errno)
    }
}
