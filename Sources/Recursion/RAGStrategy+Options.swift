extension RAGStrategy {
    /// RAG's own options.
    public struct Options: StrategySpecificOptions {
        /// How many chunks to retrieve.
        public var topK: Int
        /// The chunk size in bytes.
        public var chunkBytes: Int

        /// The defaults: the top 8 chunks of about 4,000 bytes.
        public init() { self.init(topK: 8) }

        /// Creates options.
        public init(topK: Int, chunkBytes: Int = 4_000) {
            self.topK = topK
            self.chunkBytes = chunkBytes
        }
    }
}

extension StrategyOptions {
    /// RAG's options.
    public var rag: RAGStrategy.Options {
        get { self[RAGStrategy.Options.self] }
        set { self[RAGStrategy.Options.self] = newValue }
    }
}
