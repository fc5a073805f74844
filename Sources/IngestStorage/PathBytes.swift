#if canImport(Glibc)
import Glibc
#endif

/// A file path as the system holds it: bytes, which need not be UTF-8 (a name from an old archive in a legacy
/// Vietnamese encoding). A `String` repairs such bytes to U+FFFD, and the repaired name opens nothing; this keeps
/// the bytes to open the file with, and ``display`` to show it.
public struct PathBytes: Hashable, Sendable, Comparable {
    /// No NUL byte (a path cannot hold one; one given is where the path ends).
    public let bytes: [UInt8]

    public init(_ text: String) { self.init(bytes: Array(text.utf8)) }

    public init(bytes: some Sequence<UInt8>) { self.bytes = Array(bytes.prefix { $0 != 0 }) }

    /// ``init(bytes:)`` of an array: the generic one, not specialized across the module, cost a witness call per
    /// byte of every path `ingest extract` and `submit` open.
    public init(bytes: [UInt8]) { self.bytes = bytes.firstIndex(of: 0).map { Array(bytes[..<$0]) } ?? bytes }

    /// The path as text, any byte that is not UTF-8 shown as U+FFFD.
    public var display: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether the bytes are the path's own text (valid UTF-8).
    public var isText: Bool { String(validating: bytes, as: UTF8.self) != nil }

    /// `component` below this path, with one slash between them.
    public func appending(_ component: PathBytes) -> PathBytes {
        guard !bytes.isEmpty else { return component }
        return PathBytes(bytes: bytes.last == UInt8(ascii: "/") ? bytes + component.bytes : bytes + [UInt8(ascii: "/")] + component.bytes)
    }

    public func hasSuffix(_ suffix: String) -> Bool { bytes.count >= suffix.utf8.count && bytes.suffix(suffix.utf8.count).elementsEqual(suffix.utf8) }

    /// Calls `body` with the path as a C string.
    public func withCString<Result>(_ body: (UnsafePointer<CChar>) throws -> Result) rethrows -> Result {
        let cString = bytes.map { CChar(bitPattern: $0) } + [0]
        return try body(cString)
    }

    public enum Kind: Sendable { case file, directory, other }

    /// What the path names, following links; nil when it names nothing (or cannot be looked at).
    public var kind: Kind? { try? lookUp() }

    /// What the path names, following links, or why it cannot be told (`ENOENT`: nothing; `EACCES`: a folder on
    /// the way may not be searched).
    public func lookUp() throws(StorageError) -> Kind {
        var status = stat()
        try systemCall("stat", display) { withCString { stat($0, &status) } }
        switch status.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        default: return .other
        }
    }

    /// Byte order, which is the order of the names' text for UTF-8 in NFC.
    public static func < (lhs: PathBytes, rhs: PathBytes) -> Bool { lhs.bytes.lexicographicallyPrecedes(rhs.bytes) }
}
