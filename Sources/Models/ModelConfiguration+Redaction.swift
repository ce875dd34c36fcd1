extension ModelConfiguration: CustomStringConvertible, CustomReflectable {
    /// The configuration without the key or the environment (which may hold keys).
    public var description: String {
        "ModelConfiguration(baseURL: \(baseURL ?? "default"), apiKey: \(apiKey == nil ? "none" : "[redacted]"), streaming: \(streaming))"
    }

    /// Reflection hides the key and the environment, so `dump` cannot reveal them.
    public var customMirror: Mirror {
        Mirror(self, children: ["baseURL": baseURL as Any, "apiKey": apiKey == nil ? "none" : "[redacted]",
                                "timeouts": timeouts, "retry": retry, "streaming": streaming,
                                "replayTurns": replayTurns?.count as Any])
    }
}
