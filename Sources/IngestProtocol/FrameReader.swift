import MeetingModel

/// Reads the frames of one message after the tag, checking count, size and encoding as it goes.
struct FrameReader {
    let command: String
    private let frames: ArraySlice<[UInt8]>

    /// Splits `frames` into tag, command and arguments; checks the tag.
    init(_ frames: [[UInt8]]) throws(ProtocolError) {
        guard let tag = frames.first else { throw .emptyMessage }
        guard tag == WireTag.bytes else {
            throw .wrongTag(found: String(decoding: tag.prefix(16), as: UTF8.self))
        }
        guard frames.count >= 2 else { throw .wrongFrameCount(command: "(none)", expected: "at least 2", found: frames.count) }
        let commandBytes = frames[1]
        guard commandBytes.count <= 32, let command = String(validating: commandBytes, as: UTF8.self) else {
            throw .unknownCommand(String(decoding: commandBytes.prefix(32), as: UTF8.self))
        }
        self.command = command
        self.frames = frames.dropFirst(2)
    }

    var argumentCount: Int { frames.count }

    func expectCount(_ expected: Int) throws(ProtocolError) {
        guard frames.count == expected else {
            throw .wrongFrameCount(command: command, expected: "\(expected) argument", found: frames.count)
        }
    }

    func bytes(_ index: Int, field: String, limit: Int) throws(ProtocolError) -> [UInt8] {
        let frame = frames[frames.startIndex + index]
        guard frame.count <= limit else { throw .oversized(field: field, bytes: frame.count, limit: limit) }
        return frame
    }

    func text(_ index: Int, field: String, limit: Int) throws(ProtocolError) -> String {
        let frame = try bytes(index, field: field, limit: limit)
        guard let text = String(validating: frame, as: UTF8.self) else { throw .invalidUTF8(field: field) }
        return text
    }

    func documentID(_ index: Int) throws(ProtocolError) -> DocumentID {
        try DocumentID(validating: bytes(index, field: "id", limit: DocumentID.maxLength))
    }

    func number(_ index: Int, field: String) throws(ProtocolError) -> Int {
        guard let value = Int(try text(index, field: field, limit: 20)) else { throw .invalidNumber(field: field) }
        return value
    }

    /// Pairs of id and receipt (STORED, DONE): at least one, at most `limit`.
    func storedDocuments(command: String, limit: Int) throws(ProtocolError) -> [StoredDocument] {
        let count = frames.count
        guard count >= 2, count % 2 == 0, count / 2 <= limit else {
            throw .wrongFrameCount(command: command, expected: "pairs of id and receipt, 1 to \(limit)", found: count)
        }
        return try stride(from: 0, to: count, by: 2).map { index throws(ProtocolError) in
            StoredDocument(try documentID(index), receipt: try Receipt(bytes(index + 1, field: "receipt", limit: 64)))
        }
    }

    /// A HELLO's features: at most 16, each at most 64 bytes of UTF-8.
    func features() throws(ProtocolError) -> [String] {
        guard frames.count <= 16 else { throw .wrongFrameCount(command: command, expected: "at most 16 arguments", found: frames.count) }
        return try (0..<frames.count).map { index throws(ProtocolError) in try text(index, field: "feature", limit: 64) }
    }

    func documentIDs(from start: Int) throws(ProtocolError) -> [DocumentID] {
        var ids: [DocumentID] = []
        for index in start..<frames.count { ids.append(try documentID(index)) }
        return ids
    }
}

/// Builds the frames of an outgoing message.
func message(_ command: String, _ arguments: [[UInt8]] = []) -> [[UInt8]] {
    [WireTag.bytes, Array(command.utf8)] + arguments
}

extension DocumentID {
    var frame: [UInt8] { Array(rawValue.utf8) }
}

extension String {
    var frame: [UInt8] { Array(utf8) }
}

extension DocumentID {
    init(validating bytes: [UInt8]) throws(ProtocolError) {
        guard let id = DocumentID(bytes: bytes) else {
            throw .invalidDocumentID(String(decoding: bytes.prefix(Self.maxLength + 1), as: UTF8.self))
        }
        self = id
    }
}

extension DocumentMetadata {
    func encoded() -> [UInt8] { binaryEncoded() }

    static func decode(_ bytes: [UInt8]) throws(ProtocolError) -> DocumentMetadata {
        do {
            return try DocumentMetadata(encoded: bytes)
        } catch {
            throw .undecodable(field: "meta", reason: String(describing: error))
        }
    }
}
