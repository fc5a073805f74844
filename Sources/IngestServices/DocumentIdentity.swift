import Crypto
import Foundation
import IngestProtocol

/// The default document id: the hex SHA-256 of the NFC-normalised text, so the same article
/// submitted twice, in NFC or NFD, is one document.
public enum DocumentIdentity {
    public static func id(for text: String) -> DocumentID {
        let digest = SHA256.hash(data: Data(text.precomposedStringWithCanonicalMapping.utf8))
        return DocumentID(digest.map { String(format: "%02x", $0) }.joined())!
    }
}
