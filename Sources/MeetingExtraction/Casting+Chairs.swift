/// Who chairs: the cues (`chủ trì`, `chủ tọa`, `dẫn đầu`, a presidium), the people they name, and the lists that chair
/// together.
extension Casting {
    /// Where a cue of the set starts in a sentence: lower case, or at the start of the sentence or (with
    /// `afterComma`) of a clause (`..., Chủ trì Hội thảo gồm các đồng chí: ...`, `...; Chủ tọa kỳ họp là ông X`).
    private func cues(_ phrases: PhraseSet, in sentence: Range<Int>, afterComma: Bool = false) -> [Int] {
        sentence.filter { index in
            phrases.match(tokens, at: index, end: sentence.upperBound) != nil
                && (tokens[index].isLowercaseWord || index == sentence.lowerBound || afterComma && opensClause(at: index)
                    // "Bà X - Phó Chủ tịch HĐND thị trấn làm Chủ tọa kỳ họp": the role written with a capital after `làm`.
                    || index > sentence.lowerBound && tokens[index - 1].isWord(.làm) && tokens[index - 1].isLowercaseWord
                    // "Đoàn Chủ trì hội thảo có: ...": the presidium.
                    || index == sentence.lowerBound + 1 && tokens[sentence.lowerBound].is(.doan))
                && !personTokens[index]
        }
    }

    /// A comma or a semicolon before `index`: a clause starts there.
    private func opensClause(at index: Int) -> Bool {
        tokens[index].gap.starts(with: ",") || tokens[index].gap.starts(with: ";")
    }

    /// `Đoàn Chủ tịch` opening a sentence that lists its members (`gồm` or `có` before them): the `Chủ tịch` there.
    private func presidiumCue(in sentence: Range<Int>) -> Int? {
        let start = sentence.lowerBound
        guard start + 3 < sentence.upperBound, tokens[start].is(.doan), tokens[start + 1].is(.chu), tokens[start + 1].isCapitalized,
              tokens[start + 2].is(.tich), tokens[start + 1].gap.isEmpty, tokens[start + 2].gap.isEmpty else { return nil }
        // Only the meeting's own name between (`Đoàn Chủ tịch Đại hội gồm`), not another body's (`Đoàn Chủ tịch UBTƯ MTTQ
        // Việt Nam có đồng chí A dự`).
        var index = start + 3
        if let kind = lexicon.meetingKinds.match(tokens, at: index, end: sentence.upperBound) { index += kind }
        guard index < sentence.upperBound, tokens[index].is(.gom) || tokens[index].is(.co) && tokens[index].isLowercaseWord else { return nil }
        return start + 1
    }

    /// "Các đồng chí: A, ...; B, ... chủ trì": a list of people introduced as such before the cue chairs together.
    private func introducesList(_ sentence: Range<Int>, before first: PersonSpan) -> Bool {
        (sentence.lowerBound..<max(sentence.lowerBound, first.range.lowerBound - 2)).contains(where: isComrades)
    }

    /// `các đồng chí` (comrades, plural) at `index`, two words before anyone's name.
    private func isComrades(at index: Int) -> Bool {
        tokens[index].is(.cac) && tokens[index + 1].is(.dong) && tokens[index + 2].is(.chi)
    }

    /// The chair first, then any co-chairs, and whether they lead a visiting delegation rather than chair (`dẫn đầu`).
    /// "điều hành" chairs a meeting (`điều hành hội nghị`), not `chỉ đạo, điều hành` in general; "dẫn đầu" leads a
    /// delegation (`đoàn`), not the country's rankings; "không chủ trì" chairs nothing.
    private func isChairCue(_ index: Int, in sentence: Range<Int>, delegation: Bool, namesDelegation: Bool) -> Bool {
        // "làm Trưởng đoàn thư ký": heads the congress's secretariat, leads no delegation.
        if delegation, let length = lexicon.delegationCues.match(tokens, at: index, end: sentence.upperBound), index + length + 1 < sentence.upperBound,
           tokens[index + length].is(.thu), tokens[index + length + 1].is(.ky) {
            return false
        }
        if delegation { return namesDelegation }
        // "chứ không chủ trì": denied.
        if index > sentence.lowerBound, tokens[index - 1].is(.khong) || tokens[index - 1].is(.chua) { return false }
        guard tokens[index].is(.dieu) else { return true }
        let next = index + 2
        return next < sentence.upperBound && (lexicon.meetingKinds.match(tokens, at: next, end: sentence.upperBound) != nil || tokens[next].is(.phien))
    }

    /// "Bộ trưởng X đã có buổi làm việc với TP Đà Nẵng", "X đã đến thăm, làm việc tại tỉnh Y": with no chair named,
    /// whoever comes to work with a province leads the visit. Looked for in the opening sentences only.
    private func visitLeader() -> PersonSpan? {
        for (number, sentence) in sentences.prefix(4).enumerated() {
            let inSentence = people(inSentence: number)
            // "Làm việc tại Đồng Tháp sáng 20/2, Bộ trưởng A đề nghị ...": the sentence opens on the visit.
            let start = sentence.lowerBound
            if start + 2 < sentence.upperBound, tokens[start].is(.lam), tokens[start].isCapitalized, tokens[start + 1].is(.viec),
               tokens[start + 2].is(.voi) || tokens[start + 2].is(.tai), let first = inSentence.first {
                return first
            }
            // Cues come in text order, so the people before each are counted on from the previous cue's.
            var before = inSentence.startIndex
            // "X đã có buổi làm việc với / tại ...", "X cùng đoàn công tác đã đến thăm ...", "X đã tiếp xúc cử tri ...":
            // the person named last before the first such cue that has one; of a list ending there (`Đoàn ĐBQH tỉnh gồm các
            // đồng chí: A, ...; B, ...; C, ... đã có buổi tiếp xúc cử tri`, `bà A, ... và bà B, ... đã tiếp xúc cử tri`), its first.
            for cue in sentence where cue + 2 < sentence.upperBound && tokens[cue].isLowercaseWord
                && (tokens[cue].is(.lam) && tokens[cue + 1].is(.viec) && worksWith(at: cue + 2, in: sentence)
                    || tokens[cue].is(.cung) && tokens[cue + 1].is(.doan) && tokens[cue + 2].is(.cong)
                    || tokens[cue].is(.tiep) && tokens[cue + 1].is(.xuc)) {
                while before < inSentence.endIndex && inSentence[before].range.upperBound <= cue { before += 1 }
                guard before > inSentence.startIndex else { continue }
                return listHead(endingAt: before - 1, in: inSentence)
            }
        }
        return nil
    }

    /// `với` or `tại` at `index`, after `làm việc`, or after `trực tuyến` there (`có buổi làm việc trực tuyến với các Sở`).
    private func worksWith(at index: Int, in sentence: Range<Int>) -> Bool {
        var index = index
        if index + 2 < sentence.upperBound, tokens[index].is(.truc), tokens[index + 1].is(.tuyen), tokens[index].isLowercaseWord { index += 2 }
        return tokens[index].is(.voi) || tokens[index].is(.tai)
    }

    /// Whether `second` follows `first` after only `và`, and an honorific (`đồng chí`, `ông`) at most.
    private func joinedByAnd(_ first: PersonSpan, _ second: PersonSpan) -> Bool {
        let and = first.titlesEnd
        guard and < second.mentionStart, tokens[and].is(.va), tokens[and].isLowercaseWord else { return false }
        let gapLength = second.mentionStart - and - 1
        return gapLength == 0 || lexicon.honorifics.match(tokens, at: and + 1, end: second.mentionStart) == gapLength
    }

    /// The people of a body sentence: a slice of `people`, which are in text order.
    private func people(inSentence sentence: Int) -> ArraySlice<PersonSpan> {
        people[people.partitioningIndex { $0.sentence < sentence }..<people.partitioningIndex { $0.sentence <= sentence }]
    }

    /// `Phó Chủ tịch UBND tỉnh A đã tiếp đoàn ... do ông B làm trưởng đoàn`: whoever receives hosts the reception and
    /// chairs it, not the guest who leads the delegation. The person named just before the first reception in the
    /// opening sentences (``ReceptionVerb/cues(in:_:lexicon:)``): a comma after their mention at most, then two lower-case
    /// words at most (`đã`, `đón`), three when they hold it (`đã có buổi`).
    private func receptionHost() -> PersonSpan? {
        // People and cues are in text order: the count of a sentence's people before each cue moves on with the cues.
        var sentence = -1
        var inSentence = people[0..<0]
        var before = 0
        for (number, cue) in ReceptionVerb.cues(in: sentences.prefix(4), tokens, lexicon: lexicon) {
            if number != sentence {
                sentence = number
                inSentence = people(inSentence: number)
                before = inSentence.startIndex
            }
            while before < inSentence.endIndex && inSentence[before].mentionEnd <= cue { before += 1 }
            guard before > inSentence.startIndex else { continue }
            let host = inSentence[before - 1]
            // `X, cùng các đồng chí lãnh đạo tỉnh đã tiếp ...`, `X và đoàn công tác của tỉnh Y đã tiếp ...`: those who receive
            // with them named by no name.
            if accompanies(from: host.mentionEnd, to: cue) { return listHead(endingAt: before - 1, in: inSentence) }
            // `X đã có buổi tiếp và làm việc với đoàn`: holding the reception, three words at most before it.
            let held = cue - 2 >= host.mentionEnd && tokens[cue - 1].is(.buoi) && tokens[cue - 2].is(.co)
            guard cue - host.mentionEnd <= (held ? 3 : 2) else { continue }
            let adjoins = (host.mentionEnd...cue).allSatisfy { at in
                let gap = tokens[at].gap
                return gap.isEmpty || at == host.mentionEnd && gap.starts(with: ",")
            } && (host.mentionEnd..<cue).allSatisfy { tokens[$0].isLowercaseWord }
            guard adjoins else { continue }
            // `Chủ tịch UBND tỉnh A và Phó Chủ tịch UBND tỉnh B đã có buổi tiếp`: the first of those receiving together.
            return listHead(endingAt: before - 1, in: inSentence)
        }
        return nil
    }

    /// Whether the words from `start` up to a reception's `cue` name a group receiving with the person before them: `cùng`
    /// or `và` (after a comma at most), then `các`, `đoàn` or `lãnh đạo`, a clause of a dozen words at most with no other
    /// punctuation, and two lower-case words at most (`đã`) before the cue.
    private func accompanies(from start: Int, to cue: Int) -> Bool {
        guard start + 2 < cue, cue - start <= 12, tokens[start].isLowercaseWord, tokens[start].is(.cung) || tokens[start].is(.va),
              tokens[start].gap.isEmpty || tokens[start].gap.starts(with: ","),
              tokens[start + 1].is(.cac) || tokens[start + 1].is(.doan) || tokens[start + 1].is(.lanh) && tokens[start + 2].is(.dao)
        else { return false }
        return (start + 1...cue).allSatisfy { tokens[$0].gap.isEmpty } && tokens[cue - 1].isLowercaseWord
    }

    /// `Tiếp và làm việc với Đoàn có các đồng chí: A, ...; B, ...`, `Đón và tiếp đoàn có ...`: a sentence of the opening that
    /// begins on the reception names its hosts after `có`, the first of them receiving.
    private func receivingListHost() -> PersonSpan? {
        for (number, sentence) in sentences.prefix(4).enumerated() {
            guard sentence.count > 3, let first = ReceptionVerb.openingCue(in: sentence, tokens, lexicon: lexicon),
                  let has = (first + 1..<min(sentence.upperBound, first + 8)).first(where: { tokens[$0].is(.co) && tokens[$0].isLowercaseWord })
            else { continue }
            return people(inSentence: number).first { $0.mentionStart > has && $0.mentionStart - has <= 4 }
        }
        return nil
    }

    /// The chair first, then any co-chairs, and whether they lead a visiting delegation rather than chair. A delegation
    /// from abroad (`Đoàn đại biểu thành phố Asan (Hàn Quốc) do ngài X ... làm Trưởng đoàn`, or one whose leader's name
    /// opens on no Vietnamese surname: `Đoàn doanh nghiệp Hàn Quốc do ông Myung Hoon Hwang ...`) is received: whoever the
    /// report names receiving it (`Tiếp và làm việc với Đoàn có các đồng chí: A, ...`) chairs instead, and no one when
    /// nobody is named so: its guest leader does not chair.
    func chairsAndKind() -> (people: [PersonSpan], isDelegation: Bool) {
        let found = chairsAndKindFromCues()
        if found.isDelegation, let leader = found.people.first, isFromAbroad(leader) {
            return (receivingListHost().map { [$0] } ?? [], false)
        }
        // No chair named otherwise (a guest whose foreign name is not read as one leads the delegation): whoever receives it.
        if found.people.isEmpty, let host = receivingListHost() { return ([host], false) }
        return found
    }

    private func isFromAbroad(_ leader: PersonSpan) -> Bool {
        if case .abroad? = side(of: leader) { return true }
        return !lexicon.isSurname(tokens, leader.range.lowerBound)
    }

    private func chairsAndKindFromCues() -> (people: [PersonSpan], isDelegation: Bool) {
        for (isDelegation, cueSet) in [(false, lexicon.chairCues), (true, lexicon.delegationCues)] {
            if isDelegation, let host = receptionHost() { return ([host], false) }
            for (number, sentence) in sentences.enumerated() {
                var found = cues(cueSet, in: sentence, afterComma: !isDelegation)
                // "Đoàn Chủ tịch Đại hội gồm các đồng chí: A; B": a congress's presidium chairs it.
                if !isDelegation, found.isEmpty, let presidium = presidiumCue(in: sentence) { found = [presidium] }
                guard !found.isEmpty else { continue }
                let namesDelegation = isDelegation && sentence.contains { tokens[$0].is(.doan) }
                guard let cue = found.first(where: { isChairCue($0, in: sentence, delegation: isDelegation, namesDelegation: namesDelegation) })
                else { continue }
                let inSentence = Array(people(inSentence: number))
                guard !inSentence.isEmpty else { continue }
                // A cue that opens a clause (`...; Chủ tọa kỳ họp là ông X`) names the chair after it: who came before is
                // the previous clause's.
                let before = tokens[cue].isCapitalized && cue > sentence.lowerBound && opensClause(at: cue) ? [] : inSentence.filter { $0.range.upperBound <= cue }
                // "đồng chủ trì", "cùng chủ trì", or a list of "các đồng chí" before the cue.
                let isJoint = tokens[cue].is(.dong) || cue > sentence.lowerBound && tokens[cue - 1].is(.cung)
                    || before.count >= 2 && introducesList(sentence, before: before[0])
                let after = inSentence.filter { $0.range.lowerBound > cue }
                let underDirection = cue >= sentence.lowerBound + 2 && tokens[cue - 1].is(.su) && tokens[cue - 2].is(.duoi)
                let joined = { (chairs: [PersonSpan]) in isDelegation ? chairs : self.withJointChairs(chairs, after: number) }
                if underDirection, let list = pluralList(after: cue, in: after) { return (joined(list), isDelegation) }
                if underDirection, let first = after.first { return (joined([first] + (isJoint ? Array(after.dropFirst()) : [])), isDelegation) }
                if isJoint { return (joined(before.isEmpty ? after : before), isDelegation) }
                if before.isEmpty, let list = pluralList(after: cue, in: after, opensSentence: cue == sentence.lowerBound) {
                    return (joined(list), isDelegation)
                }
                // "Thủ tướng A và Bí thư Thành ủy B chủ trì", "đồng chí A, Bí thư Tỉnh ủy X và đồng chí B, Tỉnh trưởng tỉnh Y đã chủ
                // trì": two people joined by `và` just before the cue chair together.
                if before.count >= 2, let last = before.last, joinedByAnd(before[before.count - 2], last),
                   last.titlesEnd == cue || last.titlesEnd == cue - 1 && tokens[cue - 1].isWord(.đã) && tokens[cue - 1].gap.isEmpty {
                    return (joined(Array(before.suffix(2))), isDelegation)
                }
                // "Ông A, Bí thư ...; các Phó Chủ tịch ...: B, C chủ trì", "Bà A - Bí thư ... và ông B, Bí thư ..., chủ trì":
                // everyone listed from the sentence's start up to the cue chairs together, the first named the chair.
                if before.count >= 2, isEnumeration(before, from: sentence.lowerBound, to: cue) {
                    return (joined(before), isDelegation)
                }
                // Not someone named for another (`bà X, phu nhân Bộ trưởng Y làm trưởng đoàn`: X leads).
                if let nearest = before.last(where: { !isReferredTo($0) }) ?? before.last { return (joined([nearest]), isDelegation) }
                if let first = after.first { return (joined([first]), isDelegation) }
            }
        }
        if let leader = visitLeader() { return ([leader], true) }
        return ([], false)
    }

    /// Whether `people` (two or more, in text order) are one list that opens the sentence at `start` and runs up to
    /// `cue`: between one's titles and the next's mention only `và`, `các`, honorifics and a title shared by those
    /// after it; nothing after the last but its titles.
    private func isEnumeration(_ people: [PersonSpan], from start: Int, to cue: Int) -> Bool {
        guard let first = people.first, let last = people.last, last.mentionEnd == cue else { return false }
        // The list is the sentence's subject: it opens the sentence, or the clause after its lead (`Chiều 14/5, bà A và
        // ông B chủ trì`); an honorific may come first. No one is named before it (`first` is the sentence's first).
        var opening = first.mentionStart
        if opening > start, isHonorific(before: opening) {
            opening -= opening - 2 >= start && tokens[opening - 1].is(.chi) && tokens[opening - 2].is(.dong) ? 2 : 1
        }
        guard opening == start || tokens[opening].gap.starts(with: ",") else { return false }
        return zip(people, people.dropFirst()).allSatisfy(isListed)
    }

    /// The first person of the list (``isListed(_:then:)``) that ends with `last`, a position in `people`: lists are written
    /// senior first.
    private func listHead(endingAt last: Int, in people: ArraySlice<PersonSpan>) -> PersonSpan {
        var first = last
        while first > people.startIndex, isListed(people[first - 1], then: people[first]) { first -= 1 }
        return people[first]
    }

    /// Whether `next` follows `previous` in one list of people: between one's titles and the other's mention only
    /// `và`, `cùng` (`A, Giám đốc Sở cùng các đồng chí Phó Giám đốc Sở B, C chủ trì`), `các`, honorifics, `đại biểu`
    /// and a title shared by those after it.
    private func isListed(_ previous: PersonSpan, then next: PersonSpan) -> Bool {
        // People after a shared title (`các Phó Chủ tịch: B, C`) each start their mention at it: the name then.
        let nextStart = next.mentionStart >= previous.mentionEnd ? next.mentionStart : next.range.lowerBound
        guard previous.mentionEnd <= nextStart else { return false }
        var index = previous.mentionEnd
        while index < nextStart {
            let token = tokens[index]
            if token.is(.va) || token.is(.cac) || token.is(.dong) || token.is(.cung) && token.isLowercaseWord || isHonorific(before: index + 1) {
                index += 1
            } else if token.is(.dai), index + 1 < nextStart, tokens[index + 1].is(.bieu), tokens[index + 1].gap.isEmpty {
                // `và đại biểu C`: the delegates of one group.
                index += 2
            } else if lexicon.titleHeads.match(tokens, at: index, end: nextStart) != nil {
                // A title the next people share (`các Phó Chủ tịch UBTƯ MTTQ Việt Nam: B, C`), to their names.
                while index < nextStart, !(tokens[index].isLowercaseWord && lexicon.titleStops.contains(tokens[index])) { index += 1 }
                guard index == nextStart else { return false }
            } else {
                return false
            }
        }
        return true
    }

    /// `dưới sự chủ trì của các đồng chí Thường trực Tỉnh ủy: A - ...; B - ...`, `Chủ trì hội thảo gồm các đồng chí: A; B`:
    /// a plural `các đồng chí` between the cue and the first person after it makes the list that follows chair together;
    /// so does a presidium's (`Đoàn Chủ trì hội thảo có: TS. A, ...; TS. B, ...`).
    /// Also `dưới sự chủ trì của đồng chí A, ... và các đồng chí: B; C` and `... của A; các phó chủ tịch: B, C`: the first
    /// named, then the list.
    /// With `opensSentence`, a cue that opens its sentence and names the meeting at most before the first person (`Chủ trì
    /// hội nghị đồng chí A - ..., đồng chí B - ...`) makes the list after it chair together too.
    private func pluralList(after cue: Int, in after: [PersonSpan], opensSentence: Bool = false) -> [PersonSpan]? {
        guard let first = after.first, after.count >= 2 else { return nil }
        let firstEnd = first.mentionEnd
        // `... của đồng chí A, ... và các đồng chí: B; C`; `... của Chủ tịch HĐND tỉnh A; các phó chủ tịch HĐND tỉnh: B, C`.
        let pluralAfterSemicolon = firstEnd < after[1].range.lowerBound && tokens[firstEnd].gap.starts(with: ";")
            && tokens[firstEnd].spelling == Spelled.các.rawValue && tokens[firstEnd].isLowercaseWord
            && namesDeputies(of: first, from: firstEnd + 1, to: after[1].range.lowerBound)
        let leadThenList = firstEnd + 3 < after[1].range.lowerBound && tokens[firstEnd].is(.va) && isComrades(at: firstEnd + 1) || pluralAfterSemicolon
        // Only `của`, `có`, `gồm` and the meeting's name between the cue and the list: not those attending after a comma
        // (`Hội nghị do Ban Thường vụ chủ trì, tham dự có các đồng chí: ...`, `với sự tham dự của các đồng chí: ...`).
        // `Chủ tọa kỳ họp gồm A; B; C`, `Chủ trì Hội nghị có ông A, ...; bà B, ...`: listed by `gồm` or `có`, items after
        // semicolons (or listed as below) chair with the first.
        let listWord = (cue + 1..<first.mentionStart).first { (tokens[$0].is(.gom) || tokens[$0].is(.co)) && tokens[$0].isLowercaseWord }
        let opening = (cue + 1..<max(cue + 1, first.range.lowerBound - 2)).first(where: isComrades) ?? listWord
        let listAfterCue = opening.map { at in
            !(cue + 1...at).contains { tokens[$0].gap.starts(with: ",") || tokens[$0].is(.du) && tokens[$0].isLowercaseWord }
        } ?? false
        guard cue > 0 && tokens[cue - 1].is(.doan) && tokens[cue].isCapitalized || listAfterCue || leadThenList
                || opensSentence && tokens[cue].isCapitalized && namesOnlyMeeting(from: cue, to: first.mentionStart)
        else { return nil }
        var list = [first]
        for next in after.dropFirst() {
            guard let last = list.last else { break }
            // "... Vụ trưởng Vụ Quản lý khoa học, Học viện ...; ThS. B": a semicolon's item, whatever ends the last title.
            let lastEnd = last.mentionEnd
            let semicolonItem = lastEnd <= next.mentionStart && tokens[next.mentionStart].gap.starts(with: ";")
                && !(lastEnd..<next.mentionStart).contains { tokens[$0].isLowercaseWord && lexicon.titleStops.contains(tokens[$0]) }
            guard semicolonItem || isListed(last, then: next) else { break }
            list.append(next)
        }
        // Listed by `có` or `gồm`, or as deputies after a semicolon, the list ends its clause: not those who then do something
        // else (`...; đồng chí B, Phó Bí thư Tỉnh ủy cùng dự`).
        if let last = list.last, pluralAfterSemicolon || listWord != nil && opening == listWord {
            let end = sentences[last.sentence].upperBound
            if last.mentionEnd < end, tokens[last.mentionEnd].gap.isEmpty { return nil }
        }
        return list.count >= 2 ? list : nil
    }

    /// Whether only the chair cue at `cue`, the meeting's kind and an honorific (`Chủ trì hội nghị đồng chí`) come before
    /// the name at `end`.
    private func namesOnlyMeeting(from cue: Int, to end: Int) -> Bool {
        guard let length = lexicon.chairCues.match(tokens, at: cue, end: end) else { return false }
        var index = cue + length
        if index < end, let kind = lexicon.meetingKinds.match(tokens, at: index, end: end) { index += kind }
        if index < end, let honorific = lexicon.honorifics.match(tokens, at: index, end: end) { index += honorific }
        return index == end && (cue + length...end).allSatisfy { tokens[$0].gap.isEmpty }
    }

    /// `các phó chủ tịch HĐND tỉnh:` from `start` to the colon before `end`: the deputies of the body `chair` heads
    /// (`Chủ tịch HĐND tỉnh`), who chair with them; not another body's (`các phó chủ tịch UBND tỉnh`), other members (`các
    /// Ủy viên Ban Thường vụ`) nor those attending (`các đồng chí dự gồm`).
    private func namesDeputies(of chair: PersonSpan, from start: Int, to end: Int) -> Bool {
        guard let colon = (start...end).first(where: { tokens[$0].gap.starts(with: ":") }), colon > start else { return false }
        let shared = Folding.fold(tokens.string(start..<colon))
        return chair.titles.contains { "pho " + Folding.fold($0) == shared }
    }

    /// The chairs found in sentence `number`, followed by those a later sentence says chair with them (`Cùng chủ trì có
    /// đồng chí A ... và đồng chí B`, `Cùng chủ tọa có các đồng chí Phó Chủ tịch HĐND tỉnh: A, B, C`, `Đồng chủ trì có các
    /// đồng chí: A - ...; B - ...`).
    private func withJointChairs(_ chairs: [PersonSpan], after number: Int) -> [PersonSpan] {
        var result = chairs
        var names = Set(chairs.map(\.name))
        for (later, sentence) in sentences.enumerated() where later > number && (tokens[sentence.lowerBound].is(.cung) || tokens[sentence.lowerBound].is(.dong)) {
            guard result.count <= RecordLimits.coChairs else { break }
            // `Cùng chủ trì có ...`, or `Đồng chủ trì có các đồng chí: ...` (the cue itself opening the sentence).
            guard let cue = cues(lexicon.chairCues, in: sentence).first,
                  cue == sentence.lowerBound + 1 && tokens[sentence.lowerBound].is(.cung) || cue == sentence.lowerBound && tokens[cue].is(.dong)
            else { continue }
            for person in people(inSentence: later) where person.range.lowerBound > cue && names.insert(person.name).inserted {
                result.append(person)
            }
        }
        return result
    }
}
