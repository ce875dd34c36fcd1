/// GNU-style option parsing for the builtins: clustered short flags (`-rn`), values attached or
/// separate (`-n5`, `-n 5`), long options (`--include=*.txt`), options after operands, and `--`.
struct CommandOptions {
    /// Short flags and long options in the order given, with their values.
    var options: [(name: String, value: String?)] = []
    /// The operands (files, patterns).
    var operands: [String] = []

    /// Whether flag `name` (a short letter or a long name) was given.
    func has(_ name: String) -> Bool { options.contains { $0.name == name } }
    /// The last value of `name`.
    func value(_ name: String) -> String? { options.last { $0.name == name }?.value }
    /// Every value of `name`, in order.
    func values(_ name: String) -> [String] { options.filter { $0.name == name }.compactMap(\.value) }

    /// Parses `arguments`. `flags` are short flags without a value, `valued` short flags with
    /// one; `long` maps long names to whether they take a value (`=` form or next argument);
    /// `aliases` map long names to short ones. With `numericCount`, `-5` means `-n 5`.
    static func parse(
        _ arguments: [String], command: String, flags: String, valued: String = "",
        long: [String: Bool] = [:], aliases: [String: String] = [:], numericCount: Bool = false
    ) -> Result<CommandOptions, OptionError> {
        var result = CommandOptions()
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" { result.operands += arguments[index...]; break }
            if argument.hasPrefix("--") {
                let body = argument.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                let inline = body.contains("=") ? String(body.drop { $0 != "=" }.dropFirst()) : nil
                guard let takesValue = long[name] else {
                    return .failure(OptionError("\(command): unrecognized option '\(argument)'"))
                }
                var value = inline
                if takesValue && value == nil {
                    guard index < arguments.count else { return .failure(OptionError("\(command): option '--\(name)' requires an argument")) }
                    value = arguments[index]
                    index += 1
                }
                result.options.append((aliases[name] ?? name, value))
                continue
            }
            guard argument.hasPrefix("-"), argument.count > 1 else { result.operands.append(argument); continue }
            let letters = Array(argument.dropFirst())
            if numericCount, letters.allSatisfy(\.isNumber) {
                result.options.append(("n", String(letters)))
                continue
            }
            var position = 0
            while position < letters.count {
                let letter = letters[position]
                position += 1
                if flags.contains(letter) {
                    result.options.append((String(letter), nil))
                } else if valued.contains(letter) {
                    var value = String(letters[position...])
                    position = letters.count
                    if value.isEmpty {
                        guard index < arguments.count else { return .failure(OptionError("\(command): option requires an argument -- '\(letter)'")) }
                        value = arguments[index]
                        index += 1
                    }
                    result.options.append((String(letter), value))
                } else {
                    return .failure(OptionError("\(command): invalid option -- '\(letter)'"))
                }
            }
        }
        return .success(result)
    }
}

/// A bad option, with GNU's wording (`grep: invalid option -- 'Z'`).
struct OptionError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
