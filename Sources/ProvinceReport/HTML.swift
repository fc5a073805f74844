/// Text made safe for HTML element content and quoted attribute values.
enum HTML {
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A number for SVG coordinates: at most one decimal, no locale, no exponent.
    static func number(_ value: Double) -> String {
        let tenths = (value * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? String(Int(tenths / 10)) : String(tenths / 10)
    }

    /// A rough width in pixels of `text` in the page's sans-serif at `size` px, for laying out SVG labels.
    /// Vietnamese letters with their marks are one character each (NFC); digits and most lower-case
    /// letters are about 0.55 em, capitals and wide letters more.
    static func estimatedWidth(_ text: String, size: Double) -> Double {
        text.reduce(0) { width, character in
            let em: Double = character == " " ? 0.3
                : character.isUppercase || "mwMW".contains(character) ? 0.7
                : "iljtfr.,:;|!-'".contains(character) ? 0.32
                : 0.56
            return width + em * size
        }
    }
}
