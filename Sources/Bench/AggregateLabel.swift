/// The hidden labels of `aggregate` records and the rule that derives them from the text.
///
/// Rule (documented, so tasks are solvable): every record's text contains cue words of exactly
/// one label, and that label is the record's label:
/// - praise: love, excellent, wonderful, fantastic
/// - complaint: broken, terrible, awful, refund
/// - question: explain, wondering, know
/// - request: please, wish, "would be nice"
public enum AggregateLabel: String, Sendable, CaseIterable, Codable {
    /// Positive feedback.
    case praise
    /// Negative feedback.
    case complaint
    /// A question to others.
    case question
    /// A feature request.
    case request

    /// The cue words (lower case) whose presence gives this label.
    public var cues: [String] {
        switch self {
        case .praise: ["love", "excellent", "wonderful", "fantastic"]
        case .complaint: ["broken", "terrible", "awful", "refund"]
        case .question: ["explain", "wondering", "know"]
        case .request: ["please", "wish", "would be nice"]
        }
    }

    /// The label the rule gives a text: the only label with a cue in it; nil when none or several.
    public static func classify(_ text: String) -> AggregateLabel? {
        let words = text.lowercased().split { !$0.isLetter }
        func appears(_ cue: String) -> Bool {
            let cueWords = cue.split(separator: " ")
            guard words.count >= cueWords.count else { return false }
            return (0...(words.count - cueWords.count)).contains { start in
                cueWords.indices.allSatisfy { words[start + $0] == cueWords[$0] }
            }
        }
        let hits = allCases.filter { $0.cues.contains(where: appears) }
        return hits.count == 1 ? hits[0] : nil
    }

    /// A template with `{p}`, `{f}` and `{t}` filled in.
    static func fill(_ template: String, product: String, feature: String, time: String) -> String {
        var output = "", characters = template.makeIterator()
        while let character = characters.next() {
            guard character == "{", let slot = characters.next(), characters.next() == "}" else {
                output.append(character)
                continue
            }
            output += slot == "p" ? product : slot == "f" ? feature : time
        }
        return output
    }

    /// Record text templates: `{p}` product, `{f}` feature, `{t}` time.
    var templates: [String] {
        switch self {
        case .praise: [
            "I love the new {p}; it has made {t} so much easier.",
            "The {p} is excellent, the {f} works exactly as described.",
            "What a wonderful update to the {p}, thanks to the whole team.",
            "Fantastic job on the {f} of the {p}, I use it {t}.",
        ]
        case .complaint: [
            "My {p} arrived broken and nobody answered my emails.",
            "The {f} of the {p} has been terrible since the last update.",
            "Awful experience with the {p}: the {f} failed twice {t}.",
            "I want a refund for the {p}, the {f} never worked.",
        ]
        case .question: [
            "Can anyone explain how the {f} of the {p} is supposed to work?",
            "I am wondering whether the {p} supports {f} at all.",
            "Does anyone know where to find the {f} settings on the {p}?",
        ]
        case .request: [
            "Please add {f} to the {p} in the next release.",
            "I wish the {p} had a better {f}.",
            "It would be nice if the {p} offered {f} {t}.",
        ]
        }
    }

    static let products = ["kettle", "router", "e-reader", "standing desk", "headphones", "thermostat", "camera", "scooter"]
    static let features = ["battery saver", "night mode", "timer", "sync", "voice control", "offline maps", "auto update"]
    static let times = ["this morning", "last week", "on weekends", "every day", "during trips", "after work"]
}
