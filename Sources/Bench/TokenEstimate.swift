/// The token approximation every generator uses: 4 characters ≈ 1 token.
///
/// It is a stated approximation (close to what BPE tokenizers give for English prose), not
/// a tokenizer; lengths in task files are "approximate tokens" in this sense.
public enum TokenEstimate {
    /// Characters (UTF-8 bytes for the ASCII text we generate) per token.
    public static let charactersPerToken = 4

    /// Approximate tokens in a text of `characters` characters.
    public static func tokens(forCharacters characters: Int) -> Int {
        (characters + charactersPerToken - 1) / charactersPerToken
    }

    /// Characters that approximate `tokens` tokens.
    public static func characters(forTokens tokens: Int) -> Int { tokens * charactersPerToken }
}
