package io.vigil.collectors.ipmi;

import io.vigil.alerting.api.Secret;

/**
 * Writes the credentials of one target in FreeIPMI's configuration file syntax, the one way to
 * give FreeIPMI a password without putting it on the command line. Values are double-quoted, so
 * spaces survive, and the three characters FreeIPMI's parser treats specially inside an argument
 * ({@code \}, {@code #}, {@code "}) are escaped with a backslash.
 */
final class FreeIpmiConfigFile {
    private FreeIpmiConfigFile() {
    }

    static String render(String user, Secret password) {
        StringBuilder sb = new StringBuilder();
        if (user != null) {
            sb.append("username ").append(quote(user)).append('\n');
        }
        if (password != null) {
            sb.append("password ").append(quote(password.reveal())).append('\n');
        }
        return sb.toString();
    }

    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '#' || c == '"') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
