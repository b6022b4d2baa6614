package dev.shoal.overlay.lb;

import java.util.Objects;

/** One ready endpoint of a service port: where the proxy connects or sends. */
public record Backend(String ip, int port) {

    public Backend {
        Objects.requireNonNull(ip, "ip");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("backend port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return ip + ":" + port;
    }
}
