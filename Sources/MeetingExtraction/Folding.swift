/// Vietnamese text folded to lower-case ASCII (`Đắk Lắk` -> `dak lak`), for matching
/// text written with, without, or with odd diacritics.
enum Folding {
    static func fold(_ text: some StringProtocol) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                out.append(Unicode.Scalar(UInt8(ascii: "A")...UInt8(ascii: "Z") ~= UInt8(scalar.value) ? scalar.value + 32 : scalar.value)!)
            } else if let base = foldTable[scalar] {
                out.append(base)
            } else if !(0x300...0x36F).contains(scalar.value) {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    private static let foldTable: [Unicode.Scalar: Unicode.Scalar] = {
        let groups: [(Character, String)] = [
            ("a", "àáảãạăằắẳẵặâầấẩẫậÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"),
            ("e", "èéẻẽẹêềếểễệÈÉẺẼẸÊỀẾỂỄỆ"),
            ("i", "ìíỉĩịÌÍỈĨỊ"),
            ("o", "òóỏõọôồốổỗộơờớởỡợÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"),
            ("u", "ùúủũụưừứửữựÙÚỦŨỤƯỪỨỬỮỰ"),
            ("y", "ỳýỷỹỵỲÝỶỸỴ"),
            ("d", "đĐÐ"),
        ]
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (base, letters) in groups {
            for letter in letters.unicodeScalars { table[letter] = base.unicodeScalars.first! }
        }
        return table
    }()
}
