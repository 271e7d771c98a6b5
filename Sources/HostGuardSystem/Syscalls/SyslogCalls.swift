import CLinuxSupport
import Glibc

// syslog(3).

/// One message to syslog (LOG_AUTHPRIV: who ran what, like sudo's log).
public func system_syslog(_ message: String, warning: Bool) {
    openlog("hostguard", LOG_PID, LOG_AUTHPRIV)
    CLinuxSupport_syslog((warning ? LOG_WARNING : LOG_NOTICE) | LOG_AUTHPRIV, message)
    closelog()
}
