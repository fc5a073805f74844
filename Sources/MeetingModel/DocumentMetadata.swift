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
        write(to: &writer)
        return writer.bytes
    }

    /// The two optional strings, inside another value's binary form (a journal entry).
    public func write(to writer: inout BinaryWriter) {
        writer.string(published)
        writer.string(source)
    }

    public static func read(_ reader: inout BinaryReader) throws(BinaryFormError) -> DocumentMetadata {
        DocumentMetadata(published: try reader.optionalString("published"), source: try reader.optionalString("source"))
    }

    /// Decodes the binary form, or the JSON object the first version sent; no bytes are no metadata.
    public init(encoded bytes: [UInt8]) throws {
        if bytes.isEmpty {
            self.init()
        } else if bytes.first == Self.binaryMarker {
            self = try BinaryReader.read(bytes, header: [Self.binaryMarker, 1]) { (reader: inout BinaryReader) throws(BinaryFormError) in
                try Self.read(&reader)
            }
        } else {
            self = try JSONDecoder().decode(DocumentMetadata.self, from: Data(bytes))
        }
    }
}
