package dev.shoal.dns.forward;

import dev.shoal.dns.resolvconf.ResolvConf;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Upstream resolvers from a resolv.conf: its nameservers on port 53, minus this responder itself.
 */
public final class Upstreams {
  private Upstreams() {}

  /** Reads {@code path}; a missing file gives no upstreams. */
  public static List<InetSocketAddress> fromResolvConf(Path path, InetSocketAddress self) {
    if (!Files.isReadable(path)) {
      return List.of();
    }
    try {
      return fromText(Files.readString(path), self);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  public static List<InetSocketAddress> fromText(String resolvConf, InetSocketAddress self) {
    List<InetSocketAddress> out = new ArrayList<>();
    for (String ns : ResolvConf.parse(resolvConf).nameservers()) {
      int scope = ns.indexOf('%');
      byte[] addr =
          NetUtil.createByteArrayFromIpAddressString(scope < 0 ? ns : ns.substring(0, scope));
      if (addr == null) {
        continue;
      }
      try {
        InetSocketAddress upstream = new InetSocketAddress(InetAddress.getByAddress(addr), 53);
        if (!upstream.equals(self) && !out.contains(upstream)) {
          out.add(upstream);
        }
      } catch (UnknownHostException e) {
        // cannot happen for a 4- or 16-byte address
      }
    }
    return out;
  }
}
