/// A province found in the text.
struct ProvinceSpan {
    let range: Range<Int>
    let unit: Int
}

/// A person found in the text, with the titles written next to the name.
struct PersonSpan {
    let range: Range<Int>
    var name: String
    var titles: [String]
    /// Province units named inside the titles (`Bí thư Tỉnh ủy Lạng Sơn`).
    var titleProvinces: [Int]
    /// The titles name a local post (`Bí thư Tỉnh ủy`, `Chủ tịch UBND tỉnh`) without naming the province.
    var titlesAreLocal: Bool
    /// The titles name a central post (`Trung ương`, `Bộ trưởng`, `Thủ tướng`).
    var titlesAreCentral: Bool
    /// A title is a post abroad (`Tỉnh trưởng tỉnh Xiêng Khoảng`): the person's other titles (`Bí thư Tỉnh ủy`) are
    /// that country's, no Vietnamese province's.
    var holdsForeignPost = false
    /// The province the person's titles name, their post's; none for a post abroad.
    var provinceInTitles: Int? { holdsForeignPost ? nil : titleProvinces.first }
    var sentence: Int
    /// Token index where the titles after the name end.
    var titlesEnd: Int
    /// Token index where the mention starts: its first title written before the name, else the name.
    var mentionStart: Int
    /// Where the mention ends: after its titles, or after the name when they came first (a shared title's people end
    /// their titles before the colon).
    var mentionEnd: Int { max(titlesEnd, range.upperBound) }

    /// Sets `marks` (one per token) over the titles written before the name and after it.
    func markTitles(_ marks: inout [Bool]) {
        for index in mentionStart..<max(mentionStart, range.lowerBound) { marks[index] = true }
        for index in range.upperBound..<max(range.upperBound, titlesEnd) { marks[index] = true }
    }
}

/// Province mentions by token: which one starts at a token, and which tokens lie inside one (or inside a blocked
/// look-alike such as `Thái Bình Dương`). Arrays the length of the document, so each question is one read.
struct ProvinceIndex {
    private var starting: [Int32]
    private var inside: [Bool]
    private let provinces: [ProvinceSpan]

    init(_ provinces: [ProvinceSpan], blocked: [Range<Int>] = [], tokenCount: Int) {
        self.provinces = provinces
        starting = Array(repeating: -1, count: tokenCount)
        inside = Array(repeating: false, count: tokenCount)
        for (number, span) in provinces.enumerated() {
            starting[span.range.lowerBound] = Int32(number)
            for index in span.range.dropFirst() { inside[index] = true }
        }
        for range in blocked { for index in range { inside[index] = true } }
    }

    /// The province mention starting at a token.
    subscript(index: Int) -> ProvinceSpan? {
        guard index >= 0, index < starting.count, starting[index] >= 0 else { return nil }
        return provinces[Int(starting[index])]
    }

    /// The token lies inside a mention (after its first word) or inside a blocked look-alike.
    func isInside(_ index: Int) -> Bool { inside[index] }
}
