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
