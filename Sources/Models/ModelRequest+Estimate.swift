extension ModelRequest {
    /// The prompt size estimated at ≈ 4 bytes per token (messages' roles and text, tool calls'
    /// arguments, tool schemas): what callers use when the server has no tokenizer to ask.
    public var estimatedPromptTokens: Int { (ServerTokenizer.text(of: self).utf8.count + 3) / 4 }
}
