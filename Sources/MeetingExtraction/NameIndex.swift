/// Finds a person in a list of people by name in constant time: the first entry of the same name, else the first
/// whose name is a fuller one ending with it ("ông Xuân Anh" after "Nguyễn Xuân Anh"). Names compare as bytes
/// (all NFC), as ``String/isSameText(as:)`` does.
struct NameIndex {
    private var exact: [[UInt8]: Int] = [:]
    /// Every name's endings after a space, each to the first entry that has it.
    private var endings: [[UInt8]: Int] = [:]

    /// Adds the name of the entry at `position`; earlier entries keep precedence.
    mutating func add(_ name: String, at position: Int) {
        let bytes = Array(name.utf8)
        if exact[bytes] == nil { exact[bytes] = position }
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: " ") {
            let ending = Array(bytes[(offset + 1)...])
            if endings[ending] == nil { endings[ending] = position }
        }
    }

    /// The entry for a person: the same name, or (for a name of two words or more) a fuller one.
    func find(_ person: PersonSpan) -> Int? {
        let bytes = Array(person.name.utf8)
        return exact[bytes] ?? (person.range.count > 1 ? endings[bytes] : nil)
    }
}
