import Crypto
import Foundation
import IngestProtocol
import IngestStorage

/// The secret the broker and the aggregator share, to issue and check tickets. Kept in
/// `<data dir>/cluster.key`, made by whichever of the two starts first (a broker and an aggregator on
/// different machines need a copy of the same file); workers never need it.
struct ClusterKey {
    let key: SymmetricKey

    static func loadOrCreate(dataDirectory: String) throws -> ClusterKey {
        try Directory.create(dataDirectory)
        let path = dataDirectory + "/cluster.key"
        if !FileManager.default.fileExists(atPath: path) {
            let fresh = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            let temporary = path + ".new-\(ProcessInfo.processInfo.processIdentifier)"
            try AtomicFile.write(Array(fresh.map { String(format: "%02x", $0) }.joined().utf8), to: temporary)
            chmod(temporary, 0o600)
            // link() creates the key only if no other daemon made one meanwhile.
            _ = link(temporary, path)
            unlink(temporary)
        }
        let text = String(decoding: try AtomicFile.read(path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex, let next = text.index(index, offsetBy: 2, limitedBy: text.endIndex), let byte = UInt8(text[index..<next], radix: 16) {
            bytes.append(byte)
            index = next
        }
        guard bytes.count >= 16, index == text.endIndex else { throw KeyError(path: path) }
        return ClusterKey(key: SymmetricKey(data: bytes))
    }

    func ticket(for id: DocumentID) -> Ticket {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(id.rawValue.utf8), using: key)
        // A SHA-256 HMAC is always 32 bytes, the ticket's length.
        return try! Ticket(Array(mac))
    }

    func isValid(_ ticket: Ticket, for id: DocumentID) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(ticket.bytes, authenticating: Array(id.rawValue.utf8), using: key)
    }

    struct KeyError: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) is not a cluster key (hex, at least 16 bytes)" }
    }
}
