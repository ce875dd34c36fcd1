import SharedValues

/// The questions asked about one `aggregate` corpus, with gold answers computed from the
/// hidden labels.
struct AggregateQuestions {
    struct Question {
        var variant: String
        var text: String
        var answer: String
        var scorer: BenchScorer
    }

    static let preamble = "Each record in the corpus is a user message with a hidden label, one of praise, "
        + "complaint, question or request, given by what its text expresses."
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    let records: [(user: String, month: Int, label: AggregateLabel)]
    var random: SeededGenerator

    mutating func make() -> [Question] {
        var questions: [Question] = []
        for label in AggregateLabel.allCases {
            questions.append(count("count", "How many records are labelled \(label.rawValue)? Answer with a number.",
                                   records.filter { $0.label == label }.count))
        }
        let users = Array(Set(records.map(\.user))).sorted()
        for _ in 0..<2 {
            let user = random.pick(users), label = random.pick(AggregateLabel.allCases)
            questions.append(count("count-user", "How many records of user \(user) are labelled \(label.rawValue)? Answer with a number.",
                                   records.filter { $0.user == user && $0.label == label }.count))
        }
        for _ in 0..<2 {
            let month = 1 + random.below(12), label = random.pick(AggregateLabel.allCases)
            questions.append(count("count-month",
                                   "How many records dated in \(Self.monthNames[month - 1]) 2024 are labelled \(label.rawValue)? Answer with a number.",
                                   records.filter { $0.month == month && $0.label == label }.count))
        }
        for user in users.shuffledPrefix(4, random: &random) {
            let counts = tally(records.filter { $0.user == user })
            let pairs = AggregateLabel.allCases.flatMap { a in AggregateLabel.allCases.map { (a, $0) } }
                .filter { $0.0.rawValue < $0.1.rawValue && counts[$0.0, default: 0] != counts[$0.1, default: 0] }
            guard !pairs.isEmpty else { continue }
            let (a, b) = random.pick(pairs)
            let winner = counts[a, default: 0] > counts[b, default: 0] ? a : b
            questions.append(Question(variant: "compare-user",
                                      text: "Among the records of user \(user), which label is more common: \(a.rawValue) or \(b.rawValue)? Answer with the label only.",
                                      answer: winner.rawValue, scorer: .labelExact))
            if questions.filter({ $0.variant == "compare-user" }).count == 2 { break }
        }
        let overall = tally(records)
        let top = overall.values.max() ?? 0
        let leaders = overall.filter { $0.value == top }.map(\.key)
        if leaders.count == 1 {
            questions.append(Question(variant: "most-common", text: "Which label is the most common among all records? Answer with the label only.",
                                      answer: leaders[0].rawValue, scorer: .labelExact))
        }
        return questions
    }

    private func count(_ variant: String, _ text: String, _ value: Int) -> Question {
        Question(variant: variant, text: text, answer: String(value), scorer: .count075)
    }

    private func tally(_ subset: [(user: String, month: Int, label: AggregateLabel)]) -> [AggregateLabel: Int] {
        subset.reduce(into: [:]) { $0[$1.label, default: 0] += 1 }
    }
}

extension Array {
    /// Up to `count` elements in a seeded random order.
    func shuffledPrefix(_ count: Int, random: inout SeededGenerator) -> [Element] {
        var items = self
        for index in items.indices.reversed() where index > 0 { items.swapAt(index, random.below(index + 1)) }
        return Array(items.prefix(count))
    }
}
