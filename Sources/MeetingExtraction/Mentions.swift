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
    var sentence: Int
    /// Token index where the titles after the name end.
    var titlesEnd: Int
}
