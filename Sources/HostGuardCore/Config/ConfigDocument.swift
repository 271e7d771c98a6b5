/// One config file as read from disk, before decoding.
public struct ConfigDocument: Sendable {
    /// Whose word the file is. Only system files may set environment, role or safety policy.
    public enum Authority: Sendable, Equatable {
        /// /etc/hostguard/hostguard.toml, conf.d/*.toml, or the file named by HOSTGUARD_CONFIG.
        case system
        /// ~/.config/hostguard/config.toml: looks only.
        case user
    }

    public var path: String
    public var authority: Authority
    public var root: ConfigValue

    public init(path: String, authority: Authority, root: ConfigValue) {
        self.path = path
        self.authority = authority
        self.root = root
    }
}
