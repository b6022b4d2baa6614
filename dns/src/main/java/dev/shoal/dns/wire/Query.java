package dev.shoal.dns.wire;

/**
 * What the parser learned from one query. Mutable and reused per channel so that parsing allocates
 * nothing but the name; copy what you keep beyond the current read.
 */
public final class Query {
  int id;
  int flags;
  int questionLength;
  String name;
  int type;
  int qclass;
  boolean edns;
  int ednsPayload;
  int ednsVersion;
  boolean dnssecOk;
  int messageLength;

  public int id() {
    return id;
  }

  /** Header flags as received (QR is always clear in a parsed query). */
  public int flags() {
    return flags;
  }

  public boolean recursionDesired() {
    return (flags & DnsWire.FLAG_RD) != 0;
  }

  /** The question name in lower case, without the trailing dot; "" for the root. */
  public String name() {
    return name;
  }

  public int type() {
    return type;
  }

  public int qclass() {
    return qclass;
  }

  /** Bytes of the question (name, type, class) starting at offset 12 of the message. */
  public int questionLength() {
    return questionLength;
  }

  public boolean edns() {
    return edns;
  }

  /** The DO bit of the OPT record (the client wants DNSSEC records). */
  public boolean dnssecOk() {
    return dnssecOk;
  }

  public int ednsVersion() {
    return ednsVersion;
  }

  public int messageLength() {
    return messageLength;
  }

  /** The largest UDP reply this client accepts, capped at {@code serverMax}. */
  public int udpLimit(int serverMax) {
    if (!edns) {
      return DnsWire.MIN_UDP_PAYLOAD;
    }
    return Math.min(Math.max(ednsPayload, DnsWire.MIN_UDP_PAYLOAD), serverMax);
  }

  @Override
  public String toString() {
    return "Query[id="
        + id
        + " "
        + name
        + " type="
        + type
        + " class="
        + qclass
        + (edns ? " edns" : "")
        + "]";
  }
}
