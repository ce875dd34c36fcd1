/// The syntax tree of a Shell program.
indirect enum ShellNode: Sendable {
    /// Commands run one after another (`;`, newline, `&`).
    case sequence([ShellNode])
    /// `a && b`.
    case and(ShellNode, ShellNode)
    /// `a || b`.
    case or(ShellNode, ShellNode)
    /// `a | b | c`, optionally negated with `!`.
    case pipeline([ShellNode], negated: Bool)
    /// A command with its words, assignments and redirections.
    case simple(SimpleCommand)
    /// `for name in words; do body; done` (no `in`: the words are nil).
    case forLoop(variable: String, words: [ShellWord]?, body: ShellNode)
    /// `while cond; do body; done`, or `until` when `until` is true.
    case whileLoop(condition: ShellNode, body: ShellNode, until: Bool)
    /// `if cond; then a; elif …; else b; fi`.
    case ifClause(condition: ShellNode, then: ShellNode, otherwise: ShellNode?)
    /// `{ list; }` or `( list )`, with redirections applying to the whole group.
    case group(ShellNode, redirections: [Redirection])
    /// `(( expression ))`: status 0 when the expression is not zero.
    case arithmetic(ShellWord)
    /// `case word in pattern|pattern) list ;; … esac`: the first item with a matching glob pattern runs.
    case caseClause(subject: ShellWord, items: [CaseItem])
    /// `[[ … ]]`: a conditional expression, words not split or globbed.
    case conditional([ConditionalToken], redirections: [Redirection])
}

/// One token of a `[[ … ]]` expression: an operand word or an unquoted operator
/// (`&&`, `||`, `!`, `(`, `)`, `<`, `>`).
enum ConditionalToken: Sendable {
    case word(ShellWord)
    case op(String)
}

/// A simple command.
struct SimpleCommand: Sendable {
    var assignments: [(name: String, value: ShellWord)] = []
    var words: [ShellWord] = []
    var redirections: [Redirection] = []
}

/// A redirection.
struct Redirection: Sendable {
    /// `hereDocument` feeds the target word (the body, or the `<<<` word plus a newline) as standard input.
    enum Kind: Sendable { case write, append, read, stderrToStdout, stderrWrite, stderrAppend, hereDocument }
    var kind: Kind
    var target: ShellWord
}

/// A word before expansion: literal text, variables and command substitutions, each quoted or not.
struct ShellWord: Sendable {
    enum Part: Sendable {
        case literal(String, quoted: Bool)
        case variable(String, quoted: Bool)
        case command(ShellNode, quoted: Bool)
        /// `$(( expression ))`: the expression's words are expanded, then evaluated.
        case arithmetic(ShellWord)
        /// `${#name}`, `${name:-word}`, `${name:=word}`, `${name:+word}` (and the forms without `:`).
        case parameter(ParameterExpansion, quoted: Bool)
    }
    var parts: [Part] = []

    /// The text when the word is one unquoted literal (for keywords and assignments).
    var plainText: String? {
        if parts.count == 1, case .literal(let text, false) = parts[0] { return text }
        return nil
    }
}
