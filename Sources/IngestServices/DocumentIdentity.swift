import Crypto
import Foundation
import MeetingModel

/// The default document id: the hex SHA-256 of the text's canonical form, so that the same article gives the
/// same id however it arrives. The canonical form drops a leading byte order mark, writes every line end
/// (CRLF, CR) as LF, drops spaces and tabs at the end of each line, and is NFC. Text already in that form
/// (LF, NFC, no BOM, no trailing blanks) hashes as it is, so its id is the one the first version gave it.
public enum DocumentIdentity {
    public static func id(for text: String) -> DocumentID {
        var text = text
        return text.withUTF8 { id(validUTF8: $0) }
    }

    /// The id of text given as bytes already known to be valid UTF-8 (a String's, or bytes the extractor took),
    /// so that they are not validated again.
    public static func id(validUTF8 bytes: UnsafeBufferPointer<UInt8>) -> DocumentID {
        let digest = {
            // Most text arrives canonical but for composition: hashed where it lies, without a copy.
            if let needsComposition = unchangedByCanonicalForm(bytes), !needsComposition {
                return SHA256.hash(data: UnsafeRawBufferPointer(bytes))
            }
            let (canonical, needsComposition) = canonicalBytes(bytes)
            // Composition (NFCComposition: the project's own or Foundation's, dearer than the rest) is needed only when the
            // text holds a scalar that may compose or not be NFC: combining marks, and anything past the
            // alphabets the fast path knows.
            guard needsComposition else { return SHA256.hash(data: canonical) }
            return SHA256.hash(data: canonical.withUnsafeBufferPointer { NFCComposition.composed($0) })
        }()
        return digest.withUnsafeBytes { DocumentID(hexDigest: $0) }
    }

    /// Whether `bytes` are their own canonical form but for NFC composition: nil when a BOM, a CR or a blank
    /// ending a line must go, else whether composition may still change them (as in ``canonicalBytes(_:)``).
    static func unchangedByCanonicalForm(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        // Three passes rather than one loop over every byte (four times faster over Vietnamese text, which the
        // producer, the broker and `ingest extract` all check): CRs and line ends by `memchr`, then the scalars
        // that may compose eight bytes at a time.
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        let count = bytes.count
        if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { return nil }
        if memchr(base, 0x0D, count) != nil { return nil }
        if base[count - 1] == 0x20 || base[count - 1] == 0x09 { return nil }
        var from = 0
        while from < count, let found = memchr(base + from, 0x0A, count - from) {
            let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if position > 0, base[position - 1] == 0x20 || base[position - 1] == 0x09 { return nil }
            from = position + 1
        }
        return NFCCheck.mayNeedComposition(base, count: count)
    }


    /// The canonical bytes (NFC aside), and whether NFC composition is still needed: true when some scalar is
    /// outside U+0000–U+02FF (ASCII, Latin-1, Latin Extended-A/B, IPA, spacing modifiers), U+1E00–U+1EFF
    /// (Latin Extended Additional: ạ, ế, ữ...) and U+2010–U+205E (dashes, quotes, marks). Those scalars are NFC
    /// in any context and nothing that follows composes with them. `bytes` is valid UTF-8 (a String's).
    static func canonicalBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> (bytes: [UInt8], needsComposition: Bool) {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var output = [UInt8]()
        output.reserveCapacity(bytes.count - start)
        var needsComposition = false
        // Where the run of spaces and tabs at the end of the output began, if it ends in one.
        var blanksFrom: Int?
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                if blanksFrom == nil { blanksFrom = output.count }
                output.append(byte)
                index += 1
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                if let blanksFrom { output.removeSubrange(blanksFrom...) }
                blanksFrom = nil
                output.append(UInt8(ascii: "\n"))
                index += byte == UInt8(ascii: "\r") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n") ? 2 : 1
            case 0..<0x80:
                blanksFrom = nil
                output.append(byte)
                index += 1
            default:
                blanksFrom = nil
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                let end = min(index + length, bytes.count)
                if !needsComposition {
                    needsComposition = NFCCheck.mayCompose(lead: byte, length: length, second: end > index + 1 ? bytes[index + 1] : 0,
                                                  third: end > index + 2 ? bytes[index + 2] : 0)
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
                index = end
            }
        }
        if let blanksFrom { output.removeSubrange(blanksFrom...) }
        return (output, needsComposition)
    }
}
