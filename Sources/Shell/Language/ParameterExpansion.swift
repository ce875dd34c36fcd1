/// `${#name}`, `${name:-word}`, `${name-word}`, `${name:=word}`, `${name=word}`, `${name:+word}`
/// and `${name+word}`: a variable's length, or a default, an assigned default or an alternative
/// word. The colon forms treat an empty value like an unset one, as in bash.
struct ParameterExpansion: Sendable {
    /// What the expansion does with the variable.
    enum Operation: Sendable {
        /// `${#name}`: the value's length in characters.
        case length
        /// `${name:-word}`: the word when the variable is unset (or empty).
        case useDefault(ShellWord)
        /// `${name:=word}`: the same, and the variable is set to the word.
        case assignDefault(ShellWord)
        /// `${name:+word}`: the word when the variable is set (and not empty), else nothing.
        case useAlternative(ShellWord)
    }

    /// The variable's name (`?` and `#` too).
    var name: String
    var operation: Operation
    /// Whether an empty value counts as unset (the `:` forms).
    var emptyIsUnset: Bool
}

/// One `pattern | pattern ) body ;;` item of a `case … esac`.
struct CaseItem: Sendable {
    var patterns: [ShellWord]
    var body: ShellNode
}
