/// The lines kept out of the body as photo captions and credits: what makes a line one, and what a caption says.
extension DocumentLayout {
    /// A caption's text, with the bracket that closes its credit (`... phát biểu (Ảnh: Minh Châu)`).
    func captionString(_ range: Range<Int>) -> String {
        guard !range.isEmpty else { return "" }
        let text = tokens.scalars
        let last = tokens[range.upperBound - 1]
        var end = last.offset + last.length
        let opened = range.contains { tokens[$0].gap.has(.openingParenthesis) || tokens[$0].gap.starts(with: "[") }
        if opened, end < text.count, text[end] == ")" || text[end] == "]" { end += 1 }
        return tokens.string(scalars: tokens[range.lowerBound].offset..<end)
    }

    /// "Ảnh: Đồng chí A trình bày báo cáo": what follows the label `Ảnh:` at `index` describes the photo (it names
    /// someone with an honorific), rather than credit it.
    func describesPhoto(from index: Int, end: Int) -> Bool {
        let name = tokens[index].isWord(.ông) || tokens[index].isWord(.bà) ? index + 1
            : index + 1 < end && tokens[index].is(.dong) && tokens[index + 1].is(.chi) && tokens[index + 1].isLowercaseWord ? index + 2 : end
        return name < end && tokens[name].isCapitalized
    }

    /// What the captions say, without their credits (`Ảnh: ...`) and without authors' names on lines of their own.
    var captionBodies: [Range<Int>] {
        captionsWithoutBylines.compactMap { caption in
            // A caption that opens on its label (`Ảnh: Đồng chí A phát biểu`) says what follows it.
            if caption.count > 2, tokens[caption.lowerBound].is(.anh), tokens[caption.lowerBound + 1].gap.starts(with: ":"),
               describesPhoto(from: caption.lowerBound + 1, end: caption.upperBound) {
                return caption.lowerBound + 1..<caption.upperBound
            }
            let end = caption.first { index in
                index + 1 < caption.upperBound && tokens[index].is(.anh) && tokens[index].isCapitalized && tokens[index + 1].gap.starts(with: ":")
            } ?? caption.upperBound
            return end > caption.lowerBound ? caption.lowerBound..<end : nil
        }
    }

    /// One to four capitalised words and no closing mark: a name signing the article.
    func isByline(_ line: Range<Int>) -> Bool {
        line.count <= 4 && tokens[line].allSatisfy { $0.isCapitalized && !$0.isNumber } && trailingPunctuation(line) == nil
            && line.dropFirst().allSatisfy { tokens[$0].gap.isEmpty || tokens[$0].gap.is("-") || tokens[$0].gap.is(".") }
    }

    /// `Theo Báo Quảng Ninh`, `Theo Công an Đà Nẵng`: the outlet the article comes from, on its last line; a credit, whose
    /// place is no province the meeting concerns.
    func isSourceLine(_ line: Range<Int>) -> Bool {
        guard line.count >= 2, line.count <= 12, tokens[line.lowerBound].is(.theo), tokens[line.lowerBound].isCapitalized,
              tokens[line.lowerBound + 1].isCapitalized, trailingPunctuation(line) == nil else { return false }
        return line.dropFirst().allSatisfy { !tokens[$0].isNumber && (tokens[$0].gap.isEmpty || tokens[$0].gap.is("-") || tokens[$0].gap.is("/")) }
    }

    func isCaptionLine(_ line: Range<Int>) -> Bool {
        let words = tokens[line]
        if words.contains(where: { $0.is(.anh) && $0.isCapitalized && ($0.gap.isEmpty || $0.gap.is("(")) })
            && zip(words, words.dropFirst()).contains(where: { $0.is(.anh) && $0.isCapitalized && $1.gap.starts(with: ":") }) {
            return line.count <= 60
        }
        // "Toàn cảnh hội nghị.", "Quang cảnh buổi làm việc tại ...": a photo's caption, whatever ends it.
        if line.count <= 30, let first = words.first, first.isCapitalized, first.is(.toan) || first.is(.quang),
           line.count > 1, tokens[line.lowerBound + 1].is(.canh), tokens[line.lowerBound + 1].gap.isEmpty {
            return true
        }
        // "Thưa các đồng chí Ủy viên Ban Chấp hành,": a speech's address (not `Thừa Thiên Huế`).
        if let first = words.first, first.isWord(.thưa), first.isCapitalized { return false }
        return line.count >= 3 && line.count <= 30 && !endsLikeSentence(line)
    }

    /// "Đồng chí A, Bí thư Tỉnh ủy tặng hoa chúc mừng Đại hội.", "Các đại biểu dự hội nghị.": a photo's caption that ends
    /// with a stop and gives no credit. One short sentence past the lead that opens on someone (an honorific before a
    /// name, a title, the delegates, the leaders) and says only what a photo shows them doing (the lexicon's
    /// `photoActions`). Not a line that holds what the body must keep: a chair (`chủ trì`), a format, a number, a date, a
    /// meeting's full name (`dự Hội nghị tổng kết công tác năm 2024`), those present (`dự lễ có ...`), a subject (`về`), words after a colon
    /// or quoted, or what was said (`nhấn mạnh`, `cho biết`).
    func showsSomeoneDoing(_ line: Range<Int>) -> Bool {
        guard line.count >= 2, line.count <= 40, trailingPunctuation(line) == "." else { return false }
        let start = line.lowerBound, end = line.upperBound
        let first = tokens[start], second = tokens[start + 1]
        let third = line.count > 2 ? tokens[start + 2] : nil
        let honorific = lexicon.honorifics.match(tokens, at: start, end: end).flatMap { start + $0 < end && tokens[start + $0].isCapitalized ? $0 : nil }
        let someone = honorific != nil || lexicon.titleHeads.match(tokens, at: start, end: end) != nil
            || first.is(.cac) && third.map { second.is(.dai) && $0.is(.bieu) || second.is(.dong) && $0.is(.chi) || second.is(.lanh) && $0.is(.dao) } == true
            || first.is(.dai) && second.is(.bieu) || first.is(.lanh) && second.is(.dao) || first.is(.hinh) && second.is(.anh)
        guard someone, first.isCapitalized else { return false }
        guard !first.isNumber else { return false }
        for index in line.dropFirst() {
            let token = tokens[index], gap = token.gap
            // One sentence, holding no number and nothing after a colon or quoted.
            if token.isNumber || gap.starts(with: ":") || gap.starts(with: ";") || gap.has([.straightQuote, .openingQuote])
                || endsSentence(before: index) { return false }
            // Those present (`dự lễ có ...`), what it is about (`phát biểu về ...`).
            if token.isLowercaseWord && token.gap.isEmpty && (token.is(.co) || token.is(.ve)) { return false }
            // A chair, a delegation's leader (`trưởng đoàn giám sát`), a format.
            if lexicon.chairCues.match(tokens, at: index, end: end) != nil || lexicon.delegationCues.match(tokens, at: index, end: end) != nil
                || token.is(.truong) && index + 1 < end && tokens[index + 1].is(.doan) && tokens[index + 1].gap.isEmpty
                || lexicon.onlineCues.match(tokens, at: index, end: end) != nil || lexicon.hybridCues.match(tokens, at: index, end: end) != nil {
                return false
            }
            // A kind with words after it names the meeting in full (`dự lễ khánh thành`).
            if let kind = lexicon.meetingKinds.match(tokens, at: index, end: end), index + kind < end { return false }
        }
        var acts = false
        var index = start + 1
        while index < end {
            let token = tokens[index]
            if token.isLowercaseWord, let length = lexicon.photoActions.match(tokens, at: index, end: end) {
                acts = true
                index += length
            } else if token.isLowercaseWord, lexicon.speechCues.match(tokens, at: index, end: end) != nil {
                return false
            } else {
                index += 1
            }
        }
        return acts
    }
}
