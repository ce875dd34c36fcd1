// FSContext's records are JSON (`JSONValue`), and every module above it has always seen the shared
// value types through `import FSContext`; re-exporting SharedValues keeps that true now that they
// live in their own dependency-free target (so Models can use them without linking libgit2).
@_exported import SharedValues
