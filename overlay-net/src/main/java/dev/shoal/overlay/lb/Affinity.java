package dev.shoal.overlay.lb;

import java.time.Duration;
import java.util.Objects;

/** Service session affinity: none, or Kubernetes' {@code ClientIP} with its sticky timeout. */
public sealed interface Affinity {

    /** Kubernetes' default {@code sessionAffinityConfig.clientIP.timeoutSeconds}: three hours. */
    Duration DEFAULT_CLIENT_IP_TIMEOUT = Duration.ofSeconds(10800);

    Affinity NONE = new None();

    record None() implements Affinity {
    }

    /** The same client IP goes to the same backend while it stays ready and was used within {@code timeout}. */
    record ClientIp(Duration timeout) implements Affinity {
        public ClientIp {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("affinity timeout must be positive: " + timeout);
            }
        }
    }

    static Affinity clientIp(Duration timeout) {
        return new ClientIp(timeout);
    }
}
