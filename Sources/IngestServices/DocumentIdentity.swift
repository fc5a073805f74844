import Crypto
import Foundation
import IngestProtocol

/// The default document id: the hex SHA-256 of the NFC-normalised text, so the same article
/// submitted twice, in NFC or NFD, is one document.
public enum DocumentIdentity {
    public static func id(for text: String) -> DocumentID {
        let digest = SHA256.hash(data: Data(text.precomposedStringWithCanonicalMapping.utf8))
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        // Sixty-four hex digits are always a valid id.
        return DocumentID(String(decoding: hex, as: UTF8.self)) ?? DocumentID("invalid")!
    }
}
