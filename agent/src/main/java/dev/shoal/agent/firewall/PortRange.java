package dev.shoal.agent.firewall;

/**
 * TCP ports {@code first} to {@code first + count - 1}: the Hazelcast member port (count 1 when
 * port auto-increment is off, as Shoal configures it) or the agent API port.
 */
public record PortRange(int first, int count) {

  public PortRange {
    if (first < 1 || first > 65535) {
      throw new IllegalArgumentException("port " + first + " is not between 1 and 65535");
    }
    if (count < 1 || first + count - 1 > 65535) {
      throw new IllegalArgumentException(
          "port count " + count + " from " + first + " leaves 1-65535");
    }
  }

  public static PortRange single(int port) {
    return new PortRange(port, 1);
  }

  public int last() {
    return first + count - 1;
  }

  /**
   * As iptables' {@code --dport} takes it and {@code iptables -S} prints it: {@code 5701} or {@code
   * 5701:5703}.
   */
  public String text() {
    return count == 1 ? Integer.toString(first) : first + ":" + last();
  }

  @Override
  public String toString() {
    return text();
  }
}
