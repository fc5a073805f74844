/// Finds province mentions, and the spans that look like one but are not (`Thái Bình Dương`).
struct ProvinceFinder {
    let gazetteer: Gazetteer

    func find(_ tokens: [Token], in ranges: [Range<Int>]) -> [ProvinceSpan] {
        findWithBlocked(tokens, in: ranges).provinces
    }

    func findWithBlocked(_ tokens: [Token], in ranges: [Range<Int>]) -> (provinces: [ProvinceSpan], blocked: [Range<Int>]) {
        var spans: [ProvinceSpan] = []
        var blocked: [Range<Int>] = []
        for range in ranges {
            var index = range.lowerBound
            while index < range.upperBound {
                if let match = gazetteer.match(tokens, at: index), index + match.length <= range.upperBound {
                    if let unit = match.unit, !Self.namesSmallerUnit(tokens, before: index, from: range.lowerBound) {
                        spans.append(ProvinceSpan(range: index..<(index + match.length), unit: unit))
                    } else {
                        blocked.append(index..<(index + match.length))
                    }
                    index += match.length
                } else {
                    index += 1
                }
            }
        }
        return (spans, blocked)
    }

    private static let smallUnits: Set<String> = ["huyện", "xã", "phường", "quận", "đường", "phố", "ấp", "thôn", "làng", "bản", "xóm", "sông", "chợ"]
    private static let smallUnitsFolded: Set<String> = ["huyen", "xa", "phuong", "quan", "duong", "pho", "ap", "thon", "lang", "ban", "xom", "song", "cho"]
    private static let smallUnitPairs: Set<String> = ["thị xã", "thị trấn", "đặc khu"]
    private static let smallUnitPairsFolded: Set<String> = ["thi xa", "thi tran", "dac khu"]

    /// `huyện Hòa Bình`, `xã Tân Phú`: the name is a district's or a commune's, not the province's.
    static func namesSmallerUnit(_ tokens: [Token], before index: Int, from start: Int) -> Bool {
        guard index > start else { return false }
        // Spelled exactly where the text has diacritics: `quận` is a district, `Hải quan` is customs.
        func spelled(_ token: Token) -> String { token.exactSpelling ? token.text.lowercased() : token.folded }
        let units = tokens[index - 1].exactSpelling ? Self.smallUnits : Self.smallUnitsFolded
        let previous = spelled(tokens[index - 1])
        // "thành phố Hải Phòng" is the city; "phố Hải Phòng", "đường Hà Nội" are streets.
        let isCity = index - 1 > start && (previous == "phố" || previous == "pho") && ["thành", "thanh"].contains(spelled(tokens[index - 2]))
        if units.contains(previous) && tokens[index - 1].isLowercaseWord && !isCity { return true }
        let pairs = tokens[index - 1].exactSpelling ? Self.smallUnitPairs : Self.smallUnitPairsFolded
        if index - 1 > start, pairs.contains(spelled(tokens[index - 2]) + " " + spelled(tokens[index - 1])) { return true }
        return false
    }
}
