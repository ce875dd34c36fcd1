/// Small helpers for reading source declarations at the text level (the offline model's code
/// questions and the Bench `codeqa` generator read the same declarations the same way).
public enum SourceText {
    /// Parts of `text` split at `separator` outside (), [], <> and {} (a `->` arrow is not a
    /// bracket), trimmed. Always at least one part: "" gives [""], "a," gives ["a", ""].
    public static func splitTopLevel(_ text: some StringProtocol, separator: Character = ",") -> [String] {
        var parts: [String] = [], current = "", depth = 0, previous: Character = " "
        for character in text {
            switch character {
            case "(", "[", "{", "<": depth += 1
            case ")", "]", "}": depth -= 1
            case ">" where previous != "-": depth -= 1
            default: break
            }
            previous = character
            if character == separator && depth == 0 {
                parts.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
        return parts
    }
}

import Foundation
