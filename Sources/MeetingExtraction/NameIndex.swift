/// Finds a person in a list of people by name: the first entry of the same name, else the first whose name is a
/// fuller one ending with it ("ông Xuân Anh" after "Nguyễn Xuân Anh"). Names compare as bytes (all NFC), as
/// ``String/isSameText(as:)`` does. A report names a handful of people, searched in a row; past
/// ``linearLimit`` names, tables of names and of their endings make each look-up constant, not a search of all.
struct NameIndex {
    private var names: [String] = []
    private var exact: [[UInt8]: Int] = [:]
    /// Every name's endings after a space, each to the first entry that has it.
    private var endings: [[UInt8]: Int] = [:]

    static let linearLimit = 16

    /// Adds the next entry's name (entries are numbered in the order added).
    mutating func append(_ name: String) {
        names.append(name)
        if names.count == Self.linearLimit + 1 {
            for (position, earlier) in names.enumerated() { index(earlier, at: position) }
        } else if names.count > Self.linearLimit + 1 {
            index(name, at: names.count - 1)
        }
    }

    /// The entry for a person: the same name, or (for a name of two words or more) a fuller one.
    func find(_ person: PersonSpan) -> Int? {
        guard names.count > Self.linearLimit else {
            return names.indices.first { names[$0].isSameText(as: person.name) }
                ?? names.indices.first { person.range.count > 1 && names[$0].endsWith(word: person.name) }
        }
        let bytes = Array(person.name.utf8)
        return exact[bytes] ?? (person.range.count > 1 ? endings[bytes] : nil)
    }

    private mutating func index(_ name: String, at position: Int) {
        let bytes = Array(name.utf8)
        if exact[bytes] == nil { exact[bytes] = position }
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: " ") {
            let ending = Array(bytes[(offset + 1)...])
            if endings[ending] == nil { endings[ending] = position }
        }
    }
}
