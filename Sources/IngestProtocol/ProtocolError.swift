/// Why bytes from the network are not a valid message. Decoding never traps; it throws one of these.
public enum ProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyMessage
    case wrongTag(found: String)
    case unknownCommand(String)
    case wrongFrameCount(command: String, expected: String, found: Int)
    case invalidDocumentID(String)
    case invalidUTF8(field: String)
    case oversized(field: String, bytes: Int, limit: Int)
    case invalidNumber(field: String)
    case invalidJSON(field: String, reason: String)
    /// Neither the binary form nor the JSON a first-version peer sends.
    case undecodable(field: String, reason: String)
    case invalidTicket(bytes: Int)

    public var description: String {
        switch self {
        case .emptyMessage: "empty message"
        case .wrongTag(let found): "wrong protocol tag \(found.debugDescription), expected \(WireTag.current.debugDescription)"
        case .unknownCommand(let command): "unknown command \(command.debugDescription)"
        case .wrongFrameCount(let command, let expected, let found): "\(command) takes \(expected) frames, got \(found)"
        case .invalidDocumentID(let id): "invalid document id \(id.debugDescription): 1-128 characters of A-Z a-z 0-9 . _ : -"
        case .invalidUTF8(let field): "\(field) is not valid UTF-8"
        case .oversized(let field, let bytes, let limit): "\(field) is \(bytes) bytes, over the limit of \(limit)"
        case .invalidNumber(let field): "\(field) is not a number"
        case .invalidJSON(let field, let reason): "\(field) is not valid JSON: \(reason)"
        case .undecodable(let field, let reason): "\(field) is neither the binary form nor JSON: \(reason)"
        case .invalidTicket(let bytes): "ticket is \(bytes) bytes, expected \(Ticket.length)"
        }
    }
}
