package dev.shoal.overlay.nft;

import java.util.Locale;
import java.util.Optional;

/** The transport protocols a Service port may name, with nftables' spelling. */
public enum Protocol {
  TCP,
  UDP,
  SCTP;

  /** {@code tcp}, {@code udp} or {@code sctp}: the {@code inet_proto} keyword. */
  public String nft() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Kubernetes' spelling (absent means TCP); empty for anything else. */
  public static Optional<Protocol> parse(String kubernetes) {
    if (kubernetes == null || kubernetes.isEmpty()) {
      return Optional.of(TCP);
    }
    try {
      return Optional.of(valueOf(kubernetes.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
