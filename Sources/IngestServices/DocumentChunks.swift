/// A producer's documents read a chunk at a time (at most ``maxDocuments`` of them, and stopping once a chunk holds
/// ``maxBytes``), so that `ingest submit` of a folder holds a chunk or two in memory, not the folder: a ten-year
/// archive of this genre is millions of reports, gigabytes of text read before the first was sent. The first chunk
/// holds ``firstDocuments`` at most and each next one four times the one before, up to ``maxDocuments``: the first
/// is sent soon, and each is read (see ``ReadAhead``) in less time than the one before it takes to send.
public struct DocumentChunks<Sources: RandomAccessCollection> where Sources.Index == Int {
    public typealias Source = Sources.Element

    /// A document of the chunk: its source and bytes, or why it could not be read (it is reported, not sent).
    public struct Document {
        public let source: Source
        public let bytes: Result<[UInt8], any Error>
    }

    public static var maxDocuments: Int { 4_096 }
    public static var firstDocuments: Int { 256 }
    public static var maxBytes: Int { 64 << 20 }

    private let sources: Sources
    private let read: (Source) throws -> [UInt8]
    private let maxDocuments: Int
    private let maxBytes: Int
    /// Documents the next chunk may hold.
    private var nextDocuments: Int
    private var next: Int

    /// Chunks of `sources`, each read with `read` only when its chunk is asked for.
    public init(_ sources: Sources, firstDocuments: Int = Self.firstDocuments, maxDocuments: Int = Self.maxDocuments,
                maxBytes: Int = Self.maxBytes, read: @escaping (Source) throws -> [UInt8]) {
        self.sources = sources
        next = sources.startIndex
        self.read = read
        self.maxDocuments = max(1, maxDocuments)
        self.maxBytes = max(1, maxBytes)
        nextDocuments = min(max(1, firstDocuments), self.maxDocuments)
    }

    /// The next chunk, in the sources' order; nil after the last.
    public mutating func nextChunk() -> [Document]? {
        guard next < sources.endIndex else { return nil }
        var chunk: [Document] = []
        var bytes = 0
        let limit = nextDocuments
        nextDocuments = nextDocuments > maxDocuments / 4 ? maxDocuments : nextDocuments * 4
        while next < sources.endIndex, chunk.count < limit, bytes < maxBytes {
            let source = sources[next]
            let read = Result { try self.read(source) }
            if case .success(let body) = read { bytes += body.count }
            chunk.append(Document(source: source, bytes: read))
            next += 1
        }
        return chunk
    }
}
