import Foundation

/// What a producer says about a document besides its text.
public struct DocumentMetadata: Codable, Equatable, Sendable {
    /// The publication date `YYYY-MM-DD`, used when the text does not give the meeting's year.
    public var published: String?
    /// Where the document came from (a file path), for logs and dead letters.
    public var source: String?

    public init(published: String? = nil, source: String? = nil) {
        self.published = published
        self.source = source
    }

    func encoded() -> [UInt8] {
        // Encoding two optional strings cannot fail.
        (try? JSONEncoder().encode(self)).map { Array($0) } ?? Array("{}".utf8)
    }

    static func decode(_ bytes: [UInt8]) throws(ProtocolError) -> DocumentMetadata {
        if bytes.isEmpty { return DocumentMetadata() }
        do {
            return try JSONDecoder().decode(DocumentMetadata.self, from: Data(bytes))
        } catch {
            throw .invalidJSON(field: "meta", reason: String(describing: error))
        }
    }
}
