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
}

/// The metadata's binary form on the wire: `B2 01`, then the two optional strings (as in a record's form).
extension DocumentMetadata {
    static let binaryMarker: UInt8 = 0xB2

    public func binaryEncoded() -> [UInt8] {
        var writer = BinaryWriter(header: [Self.binaryMarker, 1], capacity: 64)
        writer.string(published)
        writer.string(source)
        return writer.bytes
    }

    /// Decodes the binary form, or the JSON object the first version sent; no bytes are no metadata.
    public init(encoded bytes: [UInt8]) throws {
        if bytes.isEmpty {
            self.init()
        } else if bytes.first == Self.binaryMarker {
            let decoded: Result<DocumentMetadata, BinaryFormError> = bytes.withUnsafeBufferPointer { buffer in
                do throws(BinaryFormError) {
                    guard buffer.count >= 2 else { throw .truncated(what: "header", at: 1) }
                    guard buffer[1] == 1 else { throw .unknownVersion(buffer[1]) }
                    var reader = BinaryReader(buffer, from: 2)
                    let metadata = DocumentMetadata(published: try reader.optionalString("published"), source: try reader.optionalString("source"))
                    try reader.finish()
                    return .success(metadata)
                } catch {
                    return .failure(error)
                }
            }
            self = try decoded.get()
        } else {
            self = try JSONDecoder().decode(DocumentMetadata.self, from: Data(bytes))
        }
    }
}
