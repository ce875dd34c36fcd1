/// The version of the FSContext workbench, recorded in every run and corpus.
public enum FSContextVersion {
    /// The current version string.
    public static let current = "0.1.0"
}
