/// A well-known host-wide switch other tools set, shown beside hostguard's own maintenance
/// flag because it changes what the host does for everyone, and nobody at a shell sees it:
///
/// - `/run/nologin`, `/etc/nologin`: pam_nologin(8) refuses every non-root login while either
///   exists (systemd-user-sessions creates /run/nologin during boot and shutdown); its text is
///   shown to the refused user.
/// - `/run/reboot-required`: Debian/Ubuntu's update-notifier convention, created by package
///   postinst scripts (kernel, libc); `/run/reboot-required.pkgs` lists the packages.
public struct HostSwitch: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case nologin
        case rebootRequired = "reboot-required"
    }

    public var kind: Kind
    public var path: String
    /// nologin: the message's first line; reboot-required: the packages, comma-separated.
    public var detail: String?

    public init(kind: Kind, path: String, detail: String? = nil) {
        self.kind = kind
        self.path = path
        self.detail = detail
    }
}
