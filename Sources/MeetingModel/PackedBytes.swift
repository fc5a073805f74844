import Glibc

/// Byte strings kept end to end in one buffer, each found by where it ends: a million paths or ids cost their bytes
/// and eight more each, where as many Strings or arrays cost an allocation and its header each (some 250 bytes a
/// path as `ingest extract` listed a folder, 400 a document in `ingest submit --wait`). What the clients remember of
/// every document of a run is kept this way, so that their memory grows by little more than the names given.
public struct PackedBytes: RandomAccessCollection, Sendable {
    private var buffer: [UInt8] = []
    private var ends: [Int] = []

    public init() {}

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    public subscript(position: Int) -> ArraySlice<UInt8> { buffer[range(of: position)] }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        buffer.append(contentsOf: bytes)
        ends.append(buffer.count)
    }

    /// Room for `count` more byte strings of `bytes` bytes in all, so that a list whose size is known grows without
    /// copying itself (a copy holds twice its memory for a moment).
    public mutating func reserveCapacity(_ count: Int, bytes: Int) {
        ends.reserveCapacity(ends.count + count)
        buffer.reserveCapacity(buffer.count + bytes)
    }

    public mutating func append(contentsOf other: PackedBytes) {
        let offset = buffer.count
        buffer += other.buffer
        ends += other.ends.map { $0 + offset }
    }

    /// The same byte strings ordered by their bytes, as `[UInt8]`s compare (a prefix before what it starts).
    public func sorted() -> PackedBytes {
        let order = buffer.withUnsafeBufferPointer { bytes in
            indices.sorted { Self.precedes(range(of: $0), range(of: $1), in: bytes) }
        }
        var sorted = PackedBytes()
        sorted.buffer.reserveCapacity(buffer.count)
        sorted.ends.reserveCapacity(ends.count)
        for index in order { sorted.append(self[index]) }
        return sorted
    }

    private func range(of position: Int) -> Range<Int> { (position == 0 ? 0 : ends[position - 1])..<ends[position] }

    private static func precedes(_ left: Range<Int>, _ right: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = Swift.min(left.count, right.count)
        guard common > 0, let base = bytes.baseAddress else { return left.count < right.count }
        let order = memcmp(base + left.lowerBound, base + right.lowerBound, common)
        return order != 0 ? order < 0 : left.count < right.count
    }
}

/// Document ids packed as ``PackedBytes``: what `ingest submit --wait` keeps of each document it sent, to ask the
/// aggregator about at the end.
public struct PackedDocumentIDs: RandomAccessCollection, Sendable {
    private var packed = PackedBytes()

    public init() {}

    public init(_ ids: some Sequence<DocumentID>) {
        for id in ids { append(id) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { packed.count }

    /// Not validated again: only a ``DocumentID``'s bytes are ever appended.
    public subscript(position: Int) -> DocumentID { DocumentID(checked: String(decoding: packed[position], as: UTF8.self)) }

    public mutating func append(_ id: DocumentID) { packed.append(id.rawValue.utf8) }

    /// Room for `count` more ids of `length` characters (a SHA-256 id has 64).
    public mutating func reserveCapacity(_ count: Int, length: Int = 64) { packed.reserveCapacity(count, bytes: count * length) }
}
