/// The version of FSContext, recorded in every corpus it writes.
public enum FSContextVersion {
    /// The current version string.
    public static let current = "0.1.0"
}
