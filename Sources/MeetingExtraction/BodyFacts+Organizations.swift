/// The organisations a report names: a body's head (`Bộ`, `UBND xã`, `Công ty`) and the words its name goes on through.
extension BodyFacts {
    /// The sides of the country a region names after `miền` (`miền Bắc`).
    private static let regionSides: [Word] = [.bac, .nam, .trung, .tay]
    /// `UBND`, `HĐND`, `MTTQ`: after `và` they begin another body.
    private static let councilAbbreviations: [Word] = [.ubnd, .hdnd, .mttq]
    /// Lower-case words of two syllables that go on a body's name (`nhân dân`, `thiếu niên`, `quốc gia`, `khu vực`; `tự trị`
    /// and `dân tộc` in `Khu tự trị dân tộc Choang Quảng Tây`, `thực phẩm` in `Ban Quản lý An toàn thực phẩm tỉnh`).
    private static let nameCompletingPairs: [(Word, Word)] = [(.nhan, .dan), (.thieu, .nien), (.quoc, .gia), (.khu, .vuc), (.xa, .hoi), (.kinh, .te),
                                                             (.cong, .nghiep), (.tu, .tri), (.dan, .toc), (.thuc, .pham)]
    /// Organisation heads that name nothing on their own (`Bộ`, `Sở`).
    private static let genericHeads: [[Word]] = [[.bo], [.so], [.ban], [.uy, .ban], [.tong, .cuc], [.cuc], [.vien], [.hoc, .vien], [.truong], [.tap, .doan],
                                                 [.hiep, .hoi], [.cong, .ty], [.tong, .cong, .ty], [.cong, .ty, .co, .phan], [.cong, .ty, .trach, .nhiem, .huu, .han]]

    /// The organisations named in the body and then in `captions` (the parts of captions that show the meeting, with
    /// their people and provinces among `people` and `provinces`), each once, and where each mention of one lies (what
    /// ``topics(outside:people:)`` reads no topic from). `placesInNames` are the places the province finder read as part of
    /// a name (`Công ty Môi trường đô thị Hà Nội`), where a company's name may end.
    func organizations(people: [PersonSpan], provinces: [ProvinceSpan], placesInNames: [Range<Int>],
                       captions: [Range<Int>]) -> (names: [String], spans: [Range<Int>]) {
        var nameStarts = Array(repeating: false, count: tokens.count + 1)
        // "Phan Trường Giang": a name's later word is no school (`Trường`) or other body, but a name read too long gives one
        // back (below).
        var nameAround = Array(repeating: 0..<0, count: tokens.count + 1)
        for person in people {
            nameStarts[person.range.lowerBound] = true
            for index in person.range.dropFirst() { nameAround[index] = person.range }
        }
        var provinceEnds = Array(repeating: false, count: tokens.count + 1)
        var provinceStarts = Array(repeating: false, count: tokens.count + 1)
        var insideProvince = Array(repeating: false, count: tokens.count + 1)
        // A place's name starts at a province's or at one read as part of a name.
        var placeStarts = Array(repeating: false, count: tokens.count + 1)
        for place in placesInNames { placeStarts[place.lowerBound] = true }
        for province in provinces {
            placeStarts[province.range.lowerBound] = true
            provinceEnds[province.range.upperBound] = true
            provinceStarts[province.range.lowerBound] = true
            for index in province.range.dropFirst() { insideProvince[index] = true }
        }
        var found: [String] = []
        var spans: [Range<Int>] = []
        // Searched in a row among a report's few; past that, in a set.
        var seen: Set<[UInt8]> = []
        for sentence in sentences + captions {
            var index = sentence.lowerBound
            while index < sentence.upperBound {
                guard tokens[index].isCapitalized, let length = lexicon.organizationHeads.match(tokens, at: index, end: sentence.upperBound) else {
                    index += 1
                    continue
                }
                var end = index + length
                // "tuyến đường Trường Sơn Đông", "đường Trường Chinh": a road's name; "Bắc Trung Bộ Việt Nam": a region's.
                if index > sentence.lowerBound, tokens[index].gap.isEmpty,
                   tokens[index - 1].isWord(.đường) && tokens[index - 1].isLowercaseWord && tokens[index].is(.truong)
                    || tokens[index - 1].is(.trung) && tokens[index - 1].isCapitalized && tokens[index].is(.bo) && length == 1 {
                    index = end
                    continue
                }
                if end < sentence.upperBound, tokens[end].is(.truong) || tokens[end].is(.vien), tokens[end].isLowercaseWord, tokens[end].gap.isEmpty {
                    // "Tổng cục trưởng", "Cục trưởng", "Tỉnh ủy viên": a title, not the body.
                    index = end + 1
                    continue
                }
                let head = tokens[index..<(index + length)]
                let isGeneric = Self.genericHeads.contains { words in
                    words.count == head.count && zip(words, head).allSatisfy { $1.is($0) }
                }
                var lowercaseRun = 0
                /// `Ban Quản lý (BQL) Hoàng thành Thăng Long`: the abbreviation the name gives itself, which after `và` begins
                /// another body of the kind (`và BQL khu di tích`).
                var abbreviated: Int32?
                /// `Đảng ủy xã Hậu Nghĩa nhiệm kỳ`: past a commune's word its name is all capitalised, and a lower-case
                /// syllable begins the prose.
                var namesPlace = [Spelled.xã, .phường, .huyện, .quận, .trấn, .khu].contains(where: tokens[index + length - 1].isWord)
                /// `Công ty Việt Min Đô phải ...`: a company's name takes a lower-case syllable only before what is no lower-case word
                /// (`Công ty Dệt may Hòa Bình`, `Xây dựng và Thương mại`, `... Thành Đạt.`), as the verb after it is one too; so
                /// does a group's (`Tập đoàn Hòa Phát đầu tư`, `Tập đoàn Điện lực Việt Nam`).
                let namesCompany = head.contains { $0.is(.ty) } || head.count == 2 && head[index].is(.tap) && head[index + 1].is(.doan)
                /// `Hội Hữu nghị`, `Liên hiệp các tổ chức hữu nghị`: a friendship body, named for the countries it joins.
                let namesFriendship = head.count >= 2 && head[index + length - 2].is(.huu) && head[index + length - 1].is(.nghi)
                /// `Tổng công ty Điện lực miền Bắc`: a region, the lower-case `miền` and its capitalised side, ends a
                /// company's name.
                func regionAt(_ position: Int) -> Bool {
                    position + 1 < sentence.upperBound && tokens[position].is(.mien) && tokens[position].isLowercaseWord
                        && tokens[position + 1].gap.isEmpty && tokens[position + 1].isCapitalized
                        && Self.regionSides.contains(where: tokens[position + 1].is)
                }
                while end < sentence.upperBound, !nameStarts[end], !provinceEnds[end] {
                    let token = tokens[end]
                    // "Bộ NN&PTNT": an ampersand joins two capitalised abbreviations.
                    // A province's own name goes on whatever joins it (`Thừa Thiên – Huế`).
                    // "Ban Kinh tế - Ngân sách HĐND tỉnh": a spaced dash joins a board's two fields, when a word of a field
                    // follows, not an abbreviation, a body, a title, a person or a province.
                    // "Hội Hữu nghị Việt - Nga tỉnh Nghệ An": a friendship association's two countries, likewise.
                    let joinsFields = token.gap.isDash && token.gap.hasSpace && (isGeneric || namesFriendship) && token.isCapitalized && !token.isAllCaps
                        && !tokens[end - 1].isAllCaps && !nameStarts[end] && !provinceStarts[end]
                        && !beginsAnotherBodyOrPerson(at: end, before: sentence.upperBound)
                    guard token.gap.isEmpty || token.gap.is("-") && !token.gap.hasSpace || token.gap.is("&") && token.isCapitalized
                          || insideProvince[end] || joinsFields || tokens.isInnerBracket(at: end) else { break }
                    if token.gap.is("("), tokens.isInnerBracket(at: end) { abbreviated = token.word }
                    // "Bộ Xây dựng Ông Phạm Văn Hòa": an honorific before a person's name begins that person, not more of the
                    // body's name (`Trường THPT Bà Triệu`, `Bộ Ngoại giao Anh` go on). Only where it is spelled out: without
                    // diacritics `Chi dao` is `Chỉ đạo`, not `Chị`.
                    if token.isCapitalized, token.exactSpelling, !provinceStarts[end],
                       let honorific = lexicon.honorifics.match(tokens, at: end, end: sentence.upperBound), nameStarts[end + honorific] { break }
                    // "HĐND TP khóa XV", "Bộ Chính trị khóa XII": one body whatever its term, so the term is left out.
                    if token.is(.khoa), token.isLowercaseWord, end + 1 < sentence.upperBound, isRomanNumeral(end + 1) { break }
                    // "HĐND xã Tân Hòa Khóa XII", "Đảng bộ xã Đông Thạnh Lần thứ I": a term or an ordinal after a commune's name.
                    if namesPlace, token.isCapitalized, token.isWord(.khóa) || token.isWord(.lần)
                        || end + 1 < sentence.upperBound && tokens[end + 1].gap.isEmpty
                            && (token.is(.ky) && tokens[end + 1].isWord(.họp) || token.is(.nhiem) && tokens[end + 1].is(.ky)) { break }
                    // "UBND xã Hòa Lâm tỉnh Đắk Lắk": the province after a commune's name says where it is.
                    if namesPlace, token.isLowercaseWord, token.isWord(.tỉnh) || token.isWord(.thành) { break }
                    if token.isCapitalized && !token.isNumber { end += 1; lowercaseRun = 0; continue }
                    if namesCompany, regionAt(end) { end += 2; lowercaseRun = 0; continue }
                    // "Công ty Môi trường đô thị TP Hồ Chí Minh", "Công ty Truyền tải điện 1": a trade in lower case runs on to
                    // the place or the number that ends the company's name.
                    if namesCompany, token.isLowercaseWord, tokens[end - 1].isCapitalized,
                       let trade = tradeBeforePlaceOrNumber(at: end, before: sentence.upperBound, placeStarts: placeStarts) {
                        end += trade
                        lowercaseRun = 0
                        if tokens[end - 1].isNumber { break }
                        continue
                    }
                    // "Công ty TNHH Ánh Tuyết 1, chủ dự án": a number of one or two digits ends a company's name.
                    if namesCompany, tokens[end - 1].isCapitalized, isClosingNumber(at: end, before: sentence.upperBound) {
                        end += 1
                        break
                    }
                    // "Viện Kiểm sát nhân dân", "Học viện Thanh thiếu niên Việt Nam", "Học viện Chính trị quốc gia", "Viện Hàn
                    // lâm Khoa học xã hội Việt Nam", "Ban Quản lý Khu kinh tế Hải Phòng", "Khu công nghiệp Tân Tạo": two
                    // lower-case syllables that complete a body's name as one word.
                    if token.isLowercaseWord, end + 1 < sentence.upperBound, tokens[end + 1].gap.isEmpty, tokens[end + 1].isLowercaseWord,
                       Self.nameCompletingPairs.contains(where: { token.is($0.0) && tokens[end + 1].is($0.1) }),
                       // `xã hội hóa`: a policy after the name, not its words.
                       !(end + 2 < sentence.upperBound && tokens[end + 2].is(.hoa) && tokens[end + 2].gap.isEmpty && tokens[end + 2].isLowercaseWord) {
                        end += 2
                        lowercaseRun = 0
                        continue
                    }
                    // "Ban Quản lý các Khu công nghiệp tỉnh", "Ban Quản lý các KCN": the board of the zones it names next.
                    if token.is(.cac), token.isLowercaseWord, end - 3 == index, tokens[index].is(.ban), tokens[end - 2].is(.quan),
                       tokens[end - 2].isCapitalized, tokens[end - 1].is(.ly), end + 1 < sentence.upperBound, tokens[end + 1].gap.isEmpty,
                       tokens[end + 1].isCapitalized {
                        end += 1
                        lowercaseRun = 0
                        continue
                    }
                    // "Bộ Tư lệnh Vùng Cảnh sát biển 1": the coast guard, one word of three syllables.
                    if token.is(.bien), token.isLowercaseWord, end >= 2, tokens[end - 1].is(.sat), tokens[end - 2].is(.canh), tokens[end - 2].isCapitalized {
                        end += 1
                        lowercaseRun = 0
                        continue
                    }
                    // "Ban Thường trực": `trực` ends no name after `Thường`.
                    if token.is(.truc), token.isLowercaseWord, tokens[end - 1].is(.thuong), tokens[end - 1].isCapitalized {
                        end += 1
                        lowercaseRun = 1
                        continue
                    }
                    // One lower-case syllable completes a capitalised word (`Tài chính`, `Nông nghiệp`); a second is prose.
                    // Not after the head itself (`Ban quản lý`, `Bộ mặt`), nor after an abbreviation (`UBND TP rà soát`) unless
                    // the name goes on at once (`Trường THPT chuyên Lê Quý Đôn`): those are whole words, and the syllable
                    // begins the prose.
                    // A company's or group's trade of one capitalised word and one lower-case syllable is whole before a word of
                    // the prose (`Tập đoàn Dầu khí có trách nhiệm`), not its name past that (`Tập đoàn Hòa Phát đầu tư`).
                    if token.isLowercaseWord, lowercaseRun == 0, !namesPlace, tokens[end - 1].isCapitalized,
                       !namesCompany || end + 1 == sentence.upperBound || !tokens[end + 1].gap.isEmpty || !tokens[end + 1].isLowercaseWord
                        || tokens[end + 1].is(.va) || regionAt(end + 1)
                        || end - 1 == index + length && !Spelled.proseInTrades.contains(where: token.isWord)
                            && Spelled.proseInTrades.contains(where: tokens[end + 1].isWord),
                       !tokens[end - 1].isAllCaps || tokens.nameFollows(end, before: sentence.upperBound),
                       end > index + length,
                       !token.is(.tinh), !token.is(.thanh), !token.is(.va), !token.isWord(.lần), !token.isWord(.họp),
                       !Self.proseAfterNames.contains(where: token.is),
                       lexicon.titleStops.match(tokens, at: end, end: sentence.upperBound) == nil, !lexicon.titleStops.contains(token),
                       !token.isMarkedVerbEndingTitle, !lexicon.kindStops.contains(token) { end += 1; lowercaseRun = 1; continue }
                    // "Bộ Khoa học và Công nghệ", "Sở Nông nghiệp và PTNT", "Bộ NN và PTNT" are one name; "Văn phòng Chính phủ
                    // và Bộ Khoa học" two. Only a ministry's or department's field goes on after `và`, after an abbreviation
                    // only into another (`Bộ GTVT và Công ty` is two), and not into another body, person or title (`UBND`,
                    // `Ủy viên`).
                    if token.is(.va), isGeneric, end + 1 < sentence.upperBound, !tokens[end - 1].isAllCaps || tokens[end + 1].isAllCaps,
                       tokens[end + 1].isCapitalized, tokens[end + 1].word != abbreviated,
                       !Self.councilAbbreviations.contains(where: tokens[end + 1].is), tokens[end + 1].gap.isEmpty, !nameStarts[end + 1],
                       !beginsAnotherBodyOrPerson(at: end + 1, before: sentence.upperBound) {
                        end += 2
                        lowercaseRun = 0
                        continue
                    }
                    if (token.is(.tinh) || token.is(.thanh)) && token.isLowercaseWord, end + 1 < sentence.upperBound,
                       tokens[end + 1].isCapitalized || tokens[end + 1].is(.pho) { end += 1; continue }
                    // "Ủy ban MTTQ Việt Nam phường Tân Sơn", "UBND xã Hòa Lâm": the commune's or ward's name is the body's.
                    if let unit = smallUnitBeforeName(at: end, before: sentence.upperBound) {
                        end += unit
                        namesPlace = true
                        continue
                    }
                    if token.is(.pho), tokens[end - 1].is(.thanh) { end += 1; continue }
                    break
                }
                // `Trường Đại học (ĐH) Y Dược`, where `Y` read as a name's start stops it: not the bracket's abbreviation alone.
                if end - 1 > index + length - 1, tokens[end - 1].gap.is("("), tokens.isInnerBracket(at: end - 1) { end -= 1 }
                // Inside a name, a body only from its fourth word on (`ông Nguyễn Văn Bình Sở Tài chính`) or where its
                // capitalised words run on past it (`TS Nguyễn Thị Hoa Trường Đại học Vinh`), not `Phan Trường Giang phát biểu`.
                let name = nameAround[index]
                if !name.isEmpty, index - name.lowerBound < 3, !(name.upperBound..<end).contains(where: { tokens[$0].isCapitalized }) {
                    index = end
                    continue
                }
                // "Tổng Bí thư Trường Chinh", "dãy Trường Sơn": `Trường` and one word, not an abbreviation, names no school.
                if tokens[index].is(.truong), length == 1, end == index + 2, !tokens[index + 1].isAllCaps {
                    index = end
                    continue
                }
                if end > index + length || !isGeneric {
                    // "Tổ đại biểu Quốc hội TP HCM", "Trưởng đoàn Đại biểu Quốc hội tỉnh X": the delegation, not the assembly.
                    var nameStart = index
                    if tokens[index].is(.quoc), index - 3 >= sentence.lowerBound, tokens[index - 1].is(.bieu), tokens[index - 2].is(.dai),
                       tokens[index - 3].is(.doan) || tokens[index - 3].is(.to),
                       tokens[index].gap.isEmpty, tokens[index - 1].gap.isEmpty, tokens[index - 2].gap.isEmpty {
                        nameStart = index - 3
                    }
                    // "Sở Nội vụ tỉnh": the trailing `tỉnh` or `thành` belongs to the prose, not the name.
                    var nameEnd = end
                    while nameEnd > index + length, tokens[nameEnd - 1].spelling == Spelled.tỉnh.rawValue || tokens[nameEnd - 1].spelling == Spelled.thành.rawValue,
                          tokens[nameEnd - 1].isLowercaseWord, tokens.scalars[tokens[nameEnd - 1].offset - 1] == " " {
                        nameEnd -= 1
                    }
                    spans.append(nameStart..<nameEnd)
                    var name = layout.string(nameStart..<nameEnd)
                    if nameStart < index, let first = name.first, first.isLowercase { name = first.uppercased() + name.dropFirst() }
                    if found.count < NameIndex.linearLimit {
                        if !found.contains(where: { $0.isSameText(as: name) }) { found.append(name) }
                    } else {
                        if seen.isEmpty { seen = Set(found.map { Array($0.utf8) }) }
                        if seen.insert(Array(name.utf8)).inserted { found.append(name) }
                    }
                }
                index = end
            }
        }
        return (Self.withoutBareUnits(found), spans)
    }

    /// Words that complete no capitalised word of a body's name, but begin the prose after it (`Bộ Tư lệnh TP kiêm Chỉ huy
    /// trưởng`, `Ủy ban MTTQ Việt Nam các phường`, `... Campuchia luôn bền chặt`, `... MTTQ Việt Nam phát động`).
    private static let proseAfterNames: [Word] = [.kiem, .cac, .luon, .phat]

    /// `UBND xã` (from `Chủ tịch UBND xã`) beside `UBND xã Hòa Lâm`, `Huyện ủy` beside `Huyện ủy Nam Đàn`: a body named by
    /// its unit alone says nothing the fuller name does not, so it goes when that name is found too.
    private static func withoutBareUnits(_ names: [String]) -> [String] {
        let bare = names.filter(isBareUnit)
        // Quadratic: a list longer than any report's (hostile text) is left as it is.
        guard !bare.isEmpty, names.count <= 256 else { return names }
        return names.filter { name in
            guard bare.contains(name) else { return true }
            let prefix = Array(name.utf8) + [UInt8(ascii: " ")]
            return !names.contains { other in other.utf8.count > prefix.count && other.utf8.starts(with: prefix) }
        }
    }

    /// A body named by its unit or committee alone (`UBND xã`, `HĐND tỉnh`, `Huyện ủy`), compared as bytes: a
    /// `String`'s `hasSuffix` walks characters, a tenth of an extraction's time for every name of every report.
    private static func isBareUnit(_ name: String) -> Bool {
        let bytes = name.utf8
        return bareCommittees.contains { bytes.elementsEqual($0) }
            || unitEndings.contains { ending in bytes.count > ending.count && bytes.suffix(ending.count).elementsEqual(ending) }
    }

    private static let unitEndings: [[UInt8]] = ["tỉnh", "thành phố", "TP", "xã", "phường", "huyện", "quận", "thị trấn", "đặc khu"]
        .map { Array((" " + $0).utf8) }
    private static let bareCommittees: [[UInt8]] = ["Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Thị ủy", "Đảng ủy", "Đảng bộ"]
        .map { Array($0.utf8) }

    /// `xã Hòa Lâm`, `thị trấn Phú Mỹ`: the length of a commune's, ward's or district's word at `index` when a capitalised
    /// name follows it.
    private func smallUnitBeforeName(at index: Int, before end: Int) -> Int? {
        let token = tokens[index]
        guard token.isLowercaseWord else { return nil }
        let length = Spelled.smallUnitPairs.contains { token.isWord($0.0) && index + 1 < end && tokens[index + 1].isWord($0.1) } ? 2
            : [Spelled.xã, .phường, .huyện, .quận].contains(where: token.isWord) ? 1 : 0
        guard length > 0, index + length < end, tokens[index + length].isCapitalized, tokens[index + length].gap.isEmpty else { return nil }
        return length
    }

    /// The length of one to three lower-case syllables at `index`, up to a place's name (`placeStarts`) or up to and with a number of one
    /// or two digits that ends the sentence's clause, when none of them is a word of the prose (``Spelled/proseInTrades``,
    /// a title's or kind's word, a commune's); nil otherwise. A run that reaches no place or number is the prose after the
    /// name (`Công ty Việt Min Đô phải khẩn trương sửa chữa`).
    private func tradeBeforePlaceOrNumber(at index: Int, before end: Int, placeStarts: [Bool]) -> Int? {
        var position = index
        while position < end, position - index < 3 {
            let token = tokens[position]
            guard token.isLowercaseWord, token.gap.isEmpty, !Spelled.proseInTrades.contains(where: token.isWord),
                  !Spelled.smallUnits.contains(where: token.isWord), !token.isMeetingVerb, !Self.proseAfterNames.contains(where: token.is),
                  !lexicon.titleStops.contains(token), !lexicon.kindStops.contains(token) else { return nil }
            position += 1
            guard position < end, tokens[position].gap.isEmpty else { return nil }
            if placeStarts[position], tokens[position].isCapitalized { return position - index }
            if isClosingNumber(at: position, before: end) { return position + 1 - index }
        }
        return nil
    }

    /// Whether a number of one or two digits is at `index` and the clause ends after it (the sentence's end, or
    /// punctuation): a company's number (`Truyền tải điện 1,`), not a figure the clause goes on with (`đầu tư 5 tỷ`).
    private func isClosingNumber(at index: Int, before end: Int) -> Bool {
        tokens[index].isNumber && tokens[index].length <= 2 && (index + 1 >= end || !tokens[index + 1].gap.isEmpty)
    }

    /// Whether another body's head, a title or an honorific starts at `index`: what a body's name does not run into.
    private func beginsAnotherBodyOrPerson(at index: Int, before end: Int) -> Bool {
        lexicon.organizationHeads.match(tokens, at: index, end: end) != nil || lexicon.titleHeads.match(tokens, at: index, end: end) != nil
            || lexicon.honorifics.match(tokens, at: index, end: end) != nil
    }
}
