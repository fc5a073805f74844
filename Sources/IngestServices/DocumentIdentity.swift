import Crypto
import Foundation
import IngestProtocol
import MeetingModel

/// The default document id: the hex SHA-256 of the NFC-normalised text, so the same article
/// submitted twice, in NFC or NFD, is one document.
public enum DocumentIdentity {
    public static func id(for text: String) -> DocumentID {
        // Text made only of characters that are NFC whatever surrounds them (ASCII, the precomposed Latin letters
        // Vietnamese uses, common punctuation) is already NFC: its bytes are hashed as they are, without Foundation's
        // normaliser, which costs more than extracting the document. Anything else is normalised first.
        let digest = isNFCWithoutChecking(text) ? SHA256.hash(data: Array(text.utf8))
            : SHA256.hash(data: Data(text.precomposedStringWithCanonicalMapping.utf8))
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

    /// True when every scalar is one that is NFC in any context (Unicode's NFC_Quick_Check = Yes) and that no
    /// following scalar can compose with: U+0000–U+02FF (ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers),
    /// U+1E00–U+1EFF (Latin Extended Additional: ạ, ế, ữ...), and the dashes, quotes and marks of U+2010–U+205E.
    /// Combining marks (U+0300...) and everything else go through the normaliser.
    static func isNFCWithoutChecking(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            let value = scalar.value
            return value < 0x300 || (0x1E00...0x1EFF).contains(value) || (0x2010...0x205E).contains(value)
        }
    }
}
