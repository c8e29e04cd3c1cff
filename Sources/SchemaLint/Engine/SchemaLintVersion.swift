/// The version every output names (`--version`, JSON `tool.version`, SARIF `driver.version`).
public enum SchemaLintVersion {
    public static let current = "0.1.0"
}
