import Foundation
import MeetingModel
import Testing

@Suite("JSON string literals written straight into bytes")
struct JSONTextTests {
    /// What `JSONEncoder` writes for the string (with unescaped slashes, as snapshots and `ingest extract` ask).
    static func encoderBytes(_ text: String) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return Array(try encoder.encode(text))
    }

    static func quoted(_ text: String) -> [UInt8] {
        var output = ByteOutput(capacity: 1)
        JSONText.appendQuoted(text, to: &output)
        return output.bytes
    }

    /// The scan passes over eight bytes at a time: each character that needs an escape is put at every offset of a
    /// word and past it, alone and beside another, among Vietnamese letters whose bytes are all 0x80 and above.
    @Test("every character that needs escaping is escaped wherever it falls, the rest copied as it is")
    func escapesAtEveryOffset() throws {
        let escaped: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{01}", "\u{1F}"]
        let plain: [Character] = ["a", "ế", " ", "/", "~", "\u{7F}", "\u{20}", "!", "#", "]", "[", "ữ"]
        for filler in ["Nguyễn Văn Thành Phố Hồ Chí Minh", "abcdefghijklmnopqrstuvwxyz0123"] {
            for character in escaped {
                for offset in 0...20 {
                    var text = Array(filler.prefix(offset))
                    text.append(character)
                    text += Array(filler.dropFirst(offset))
                    text.insert(character, at: min(text.count, offset + 9))
                    let string = String(text)
                    #expect(Self.quoted(string) == (try Self.encoderBytes(string)), "\(string.debugDescription)")
                }
            }
            for character in plain {
                let string = String(repeating: String(character), count: 19) + filler
                #expect(Self.quoted(string) == (try Self.encoderBytes(string)))
            }
        }
        #expect(Self.quoted("") == Array("\"\"".utf8))
        #expect(Self.quoted("\u{1F}") == Array("\"\\u001f\"".utf8))
    }
}
